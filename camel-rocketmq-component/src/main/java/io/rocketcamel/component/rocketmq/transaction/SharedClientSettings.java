package io.rocketcamel.component.rocketmq.transaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;

/**
 * The options a producer group's shared transactional client is built with, taken from the group's first endpoint:
 * an endpoint joining the group with other values would send, sign and time out as that endpoint asked, not as it
 * asked itself.
 */
record SharedClientSettings(Map<String, Object> values) {

    /** Compared, never printed. */
    private static final Set<String> SECRET = Set.of("accessKey", "secretKey");

    static SharedClientSettings of(RocketMQConfiguration configuration) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("accessKey", configuration.getAccessKey());
        values.put("secretKey", configuration.getSecretKey());
        values.put("useTls", configuration.isUseTls());
        values.put("accessChannel", configuration.getAccessChannel());
        values.put("enableTrace", configuration.isEnableTrace());
        values.put("traceTopic", configuration.getTraceTopic());
        values.put("sendTimeout", configuration.getSendTimeout());
        values.put("retryTimesWhenSendFailed", configuration.getRetryTimesWhenSendFailed());
        values.put("sendAttemptTimeout", configuration.getSendAttemptTimeout());
        values.put("maxMessageSize", configuration.getMaxMessageSize());
        values.put("heartbeatBrokerInterval", configuration.getHeartbeatBrokerInterval());
        values.put("pollNameServerInterval", configuration.getPollNameServerInterval());
        values.put("transactionCheckThreads", configuration.getTransactionCheckThreads());
        return new SharedClientSettings(values);
    }

    /** The options whose values differ, each as {@code name=joining (group's client: value)}. */
    List<String> differencesFrom(SharedClientSettings group) {
        List<String> differences = new ArrayList<>();
        values.forEach((option, value) -> {
            Object groups = group.values.get(option);
            if (!Objects.equals(value, groups)) {
                differences.add(SECRET.contains(option) ? option + " (differs)"
                        : option + "=" + value + " (the group's client: " + groups + ")");
            }
        });
        return differences;
    }
}

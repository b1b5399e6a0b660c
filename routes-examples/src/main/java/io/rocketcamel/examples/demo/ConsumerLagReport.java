package io.rocketcamel.examples.demo;

import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.starter.BrokerAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.stereotype.Component;

/**
 * Each consumer group's lag after the demo, read from the broker's offsets: messages in its topic that the group has
 * not acknowledged. At-least-once delivery acknowledges only after the route succeeded, so 0 means all processed.
 */
@Component
public class ConsumerLagReport {

    private final CamelContext camel;
    private final BrokerAdmin admin;

    public ConsumerLagReport(CamelContext camel, BrokerAdmin admin) {
        this.camel = camel;
        this.admin = admin;
    }

    /** Lag by {@code group on topic}; clustering groups only (broadcast groups keep offsets locally). */
    public Map<String, String> lags() {
        return lags(group -> true);
    }

    /** The lags of the groups {@code groups} accepts. */
    public Map<String, String> lags(Predicate<String> groups) {
        Map<String, String> lags = new TreeMap<>();
        for (Route route : camel.getRoutes()) {
            if (!(route.getEndpoint() instanceof RocketMQEndpoint endpoint)) {
                continue;
            }
            RocketMQConfiguration configuration = endpoint.getConfiguration();
            if (configuration.getMessageModel() == MessageModel.BROADCASTING || !groups.test(configuration.getConsumerGroup())) {
                continue;
            }
            String key = configuration.getConsumerGroup() + " on " + endpoint.getTopicName();
            lags.computeIfAbsent(key, k -> lagOf(configuration, endpoint.getTopicName()));
        }
        return lags;
    }

    private String lagOf(RocketMQConfiguration configuration, String topic) {
        try {
            return Long.toString(admin.lag(configuration, configuration.getConsumerGroup(), topic));
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Consumers commit their offsets to the broker every few seconds, so right after processing the broker still
     * shows a lag: wait for it to settle (or the deadline) before reporting.
     */
    List<String> lines() {
        Await.until(Duration.ofSeconds(15), () -> lags().values().stream().allMatch("0"::equals));
        List<String> lines = new ArrayList<>();
        lags().forEach((group, lag) -> lines.add(String.format("  lag %-45s %s", group, lag)));
        return lines;
    }
}

package io.rocketcamel.component.rocketmq.health;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.internal.ClientActivity;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.ServiceState;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;

/**
 * What the consumer and producer checks share: a running client whose name servers and brokers have answered its
 * periodic calls lately. "Lately" is three of the client's own intervals, and at least 10 s, so one slow answer on a
 * busy machine does not flip the check.
 */
final class ClientHealth {

    private static final long MIN_SILENCE_MILLIS = 10_000;

    private ClientHealth() {
    }

    /** How long the client's name servers or brokers may stay silent: three of its intervals, at least 10 s. */
    static long lately(long interval) {
        return Math.max(MIN_SILENCE_MILLIS, 3 * interval);
    }

    /**
     * @param looksUpRoutes  whether the client polls the name servers for routes (a producer does for its endpoint's
     *                       topic and the topics it has sent to)
     * @param expectsBrokers whether the client must have brokers to heartbeat; otherwise their silence counts only
     *                       once it knows a broker (a producer whose topic a broker creates at its first send may
     *                       know none before)
     * @return whether the result is settled (down); otherwise the caller adds its own checks and reports up
     */
    static boolean down(HealthCheckResultBuilder builder, String who, ServiceState state, MQClientInstance instance,
                        ClientActivity activity, RocketMQConfiguration configuration, boolean looksUpRoutes,
                        boolean expectsBrokers) {
        if (state != ServiceState.RUNNING || instance == null) {
            return down(builder, who + " is not running (" + state + ")");
        }
        long brokers = instance.getTopicRouteTable().values().stream()
                .flatMap(route -> route.getBrokerDatas().stream()).map(BrokerData::getBrokerName).distinct().count();
        builder.detail("brokers", brokers);
        long nameServerSilence = activity.millisSinceNameServerAnswer();
        if (looksUpRoutes && nameServerSilence > lately(configuration.getPollNameServerInterval())) {
            return down(builder, "No name server of namesrvAddr=" + configuration.getNamesrvAddr() + " has answered "
                                 + who + " for " + nameServerSilence / 1000 + " s");
        }
        long brokerSilence = activity.millisSinceBrokerAnswer();
        if ((expectsBrokers || brokers > 0 || activity.brokerEverAnswered())
            && brokerSilence > lately(configuration.getHeartbeatBrokerInterval())) {
            String refusal = activity.lastBrokerRefusal();
            return down(builder, "No broker has answered the heartbeats of " + who + " for " + brokerSilence / 1000 + " s"
                                 + (refusal == null ? "" : "; the last was refused with " + refusal));
        }
        return false;
    }

    /** camel-spring-boot's health indicator shows details but not the message: the reason goes in both. */
    static boolean down(HealthCheckResultBuilder builder, String reason) {
        builder.down().message(reason).detail("reason", reason);
        return true;
    }
}

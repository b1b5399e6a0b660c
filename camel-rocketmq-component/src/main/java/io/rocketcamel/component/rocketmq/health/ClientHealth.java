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

    /**
     * @param looksUpRoutes whether the client polls the name servers for routes (a producer only does for the topics
     *                      it has sent to)
     * @return whether the result is settled (down); otherwise the caller adds its own checks and reports up
     */
    static boolean down(HealthCheckResultBuilder builder, String who, ServiceState state, MQClientInstance instance,
                        ClientActivity activity, RocketMQConfiguration configuration, boolean looksUpRoutes) {
        if (state != ServiceState.RUNNING || instance == null) {
            return down(builder, who + " is not running (" + state + ")");
        }
        builder.detail("brokers", instance.getTopicRouteTable().values().stream()
                .flatMap(route -> route.getBrokerDatas().stream()).map(BrokerData::getBrokerName).distinct().count());
        long nameServerSilence = activity.millisSinceNameServerAnswer();
        if (looksUpRoutes && nameServerSilence > Math.max(MIN_SILENCE_MILLIS, 3 * configuration.getPollNameServerInterval())) {
            return down(builder, "No name server of namesrvAddr=" + configuration.getNamesrvAddr() + " has answered "
                                 + who + " for " + nameServerSilence / 1000 + " s");
        }
        long brokerSilence = activity.millisSinceBrokerAnswer();
        if ((looksUpRoutes || activity.brokerEverAnswered())
            && brokerSilence > Math.max(MIN_SILENCE_MILLIS, 3 * configuration.getHeartbeatBrokerInterval())) {
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

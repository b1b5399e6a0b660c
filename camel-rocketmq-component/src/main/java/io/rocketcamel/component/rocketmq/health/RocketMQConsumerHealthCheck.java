package io.rocketcamel.component.rocketmq.health;

import java.util.Map;
import java.util.Set;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import io.rocketcamel.component.rocketmq.internal.Namespaces;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Readiness of one rocketmq consumer route (Camel reports it as {@code consumer:<routeId>}), from what its client
 * already knows: DOWN when the client is not running (as after a suspension that outlasted its timeout, resumed),
 * when its name servers or brokers have stopped answering its periodic calls, when a broker refuses its pulls (no
 * such subscription group, no permission) or lists no consumer of its group (so it gets no queue), or when it has no
 * route for the topic (the topic does not exist, or no broker serves it). No call to the cluster per probe.
 */
public final class RocketMQConsumerHealthCheck extends AbstractHealthCheck {

    private final RocketMQConsumer consumer;
    private final String routeId;

    public RocketMQConsumerHealthCheck(RocketMQConsumer consumer, String routeId) {
        super("camel", "consumer:rocketmq-" + routeId);
        this.consumer = consumer;
        this.routeId = routeId;
    }

    @Override
    public boolean isLiveness() {
        // restarting the application does not bring a broker back
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RocketMQEndpoint endpoint = (RocketMQEndpoint) consumer.getEndpoint();
        RocketMQConfiguration configuration = endpoint.getConfiguration();
        String topic = endpoint.getTopicName();
        builder.detail("route.id", routeId).detail("topic", topic).detail("group", configuration.getConsumerGroup())
                .detail("namesrvAddr", configuration.getNamesrvAddr())
                .detail("messageModel", configuration.getMessageModel().name())
                .detail("consumeMode", configuration.getConsumeMode().name());
        DefaultMQPushConsumer client = consumer.client();
        if (client == null) {
            ClientHealth.down(builder, "The RocketMQ consumer of route " + routeId + " is stopped while the route reads"
                                       + " Started, and consumes nothing (Camel stops it when a suspension outlasts its"
                                       + " timeout, and the resume does not start it again): stop and start the route");
            return;
        }
        if (ClientHealth.down(builder, "the consumer of route " + routeId,
                client.getDefaultMQPushConsumerImpl().getServiceState(),
                client.getDefaultMQPushConsumerImpl().getmQClientFactory(), consumer.activity(), configuration, true,
                true)) {
            return;
        }
        String who = "The consumer of route " + routeId + " (group " + configuration.getConsumerGroup() + ")";
        if (refused(builder, consumer.activity().pullRefusals(), who + " consumes nothing from broker ",
                ", which refused its pulls with ")
            || refused(builder, consumer.activity().memberListRefusals(), who + " gets no queue of broker ",
                    ", which answers its heartbeats but lists no consumer of the group (a broker ignores the heartbeats"
                    + " of a subscription group it does not have, with autoCreateSubscriptionGroup=false): ")) {
            return;
        }
        Set<MessageQueue> queues = client.getDefaultMQPushConsumerImpl().getRebalanceImpl().getTopicSubscribeInfoTable()
                .get(Namespaces.wrap(configuration, topic));
        if (queues == null || queues.isEmpty()) {
            ClientHealth.down(builder, "The name servers know no route for topic " + topic + ": it does not exist, or no"
                                       + " broker serves it");
            return;
        }
        builder.detail("queues", queues.size());
        builder.up();
    }

    private static boolean refused(HealthCheckResultBuilder builder, Map<String, String> refusals, String before,
                                   String after) {
        if (refusals.isEmpty()) {
            return false;
        }
        Map.Entry<String, String> first = refusals.entrySet().iterator().next();
        return ClientHealth.down(builder, before + first.getKey() + after + first.getValue()
                                          + (refusals.size() > 1 ? " (and " + (refusals.size() - 1) + " more brokers)" : ""));
    }
}

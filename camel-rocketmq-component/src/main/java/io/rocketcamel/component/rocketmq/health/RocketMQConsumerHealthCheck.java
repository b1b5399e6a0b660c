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
 * already knows: DOWN when the client is not running, when its name servers or brokers have stopped answering its
 * periodic calls, or when it has no route for the topic (the topic does not exist, or no broker serves it). No call
 * to the cluster per probe.
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
            ClientHealth.down(builder, "The RocketMQ consumer of route " + routeId + " is not running");
            return;
        }
        if (ClientHealth.down(builder, "the consumer of route " + routeId,
                client.getDefaultMQPushConsumerImpl().getServiceState(),
                client.getDefaultMQPushConsumerImpl().getmQClientFactory(), consumer.activity(), configuration, true)) {
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
}

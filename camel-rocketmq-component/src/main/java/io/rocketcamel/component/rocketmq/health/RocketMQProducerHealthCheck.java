package io.rocketcamel.component.rocketmq.health;

import java.util.Map;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.internal.ClientActivity;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/**
 * Readiness of one rocketmq producer (each producer has its own check, also when several endpoints send to one
 * topic), from what its client already knows and how its last sends went: DOWN when the client is not running, when
 * its name servers or brokers have stopped answering its periodic calls, or when its sends keep failing. No call to
 * the cluster per probe. Camel reports producer checks when camel.health.producersEnabled=true.
 */
public final class RocketMQProducerHealthCheck extends AbstractHealthCheck {

    private final RocketMQEndpoint endpoint;
    private final DefaultMQProducer client;
    private final ClientActivity activity;
    private final SendHealth sends;

    /**
     * @param name unique among the context's producers; the client may be a transactional group's, shared by several
     */
    public RocketMQProducerHealthCheck(String name, RocketMQEndpoint endpoint, DefaultMQProducer client,
                                       ClientActivity activity, SendHealth sends) {
        super("camel", "producer:rocketmq-" + name);
        this.endpoint = endpoint;
        this.client = client;
        this.activity = activity;
        this.sends = sends;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RocketMQConfiguration configuration = endpoint.getConfiguration();
        builder.detail("topic", endpoint.getTopicName()).detail("group", client.getProducerGroup())
                .detail("namesrvAddr", configuration.getNamesrvAddr()).detail("client", client.getInstanceName());
        // a producer looks up routes of, and heartbeats to the brokers of, the topics it has sent to: none before
        if (ClientHealth.down(builder, "the producer of " + endpoint.getTopicName(),
                client.getDefaultMQProducerImpl().getServiceState(), client.getDefaultMQProducerImpl().getMqClientFactory(),
                activity, configuration, !client.getDefaultMQProducerImpl().getPublishTopicList().isEmpty())) {
            return;
        }
        int failures = sends.failuresInARow();
        if (failures > 0) {
            Throwable last = sends.lastFailure();
            builder.error(last);
            ClientHealth.down(builder, "The last " + failures + " send(s) to " + endpoint.getTopicName() + " failed: "
                                       + last.getMessage());
            return;
        }
        builder.up();
    }
}

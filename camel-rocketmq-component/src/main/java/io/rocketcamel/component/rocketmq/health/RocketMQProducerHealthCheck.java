package io.rocketcamel.component.rocketmq.health;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.internal.ClientActivity;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.rocketmq.client.impl.producer.TopicPublishInfo;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/**
 * Readiness of one rocketmq producer (each producer has its own check, also when several endpoints send to one
 * topic), from what its client already knows and how its last sends went: DOWN when the client is not running, when
 * its name servers or brokers have stopped answering its periodic calls (also while it sends nothing: it looks up its
 * endpoint's topic from the start), when its topic does not exist and no broker of the cluster would create it at a
 * first send, or while its last sends failed for the cluster's reasons, for a while after the
 * last failure (readiness may hold back the exchanges that would show the cluster back). No call to the cluster per
 * probe. Camel reports producer checks when camel.health.producersEnabled=true.
 */
public final class RocketMQProducerHealthCheck extends AbstractHealthCheck {

    private final RocketMQEndpoint endpoint;
    private final DefaultMQProducer client;
    private final ClientActivity activity;
    private final SendHealth sends;

    private RocketMQProducerHealthCheck(String id, RocketMQEndpoint endpoint, DefaultMQProducer client,
                                        ClientActivity activity, SendHealth sends) {
        super("camel", id);
        this.endpoint = endpoint;
        this.client = client;
        this.activity = activity;
        this.sends = sends;
    }

    /**
     * Adds a producer's check under an id that stays the same when its route is stopped and started, or removed and
     * added again, so whatever reads the health report by id (a dashboard, an alert rule) keeps finding it:
     * {@code producer:rocketmq-<topic>-<routeId>}, with {@code -2}, {@code -3} for further producers of the topic in
     * the route; {@code producer:rocketmq-<topic>-<n>}, the lowest n free, for a producer outside a route (a
     * ProducerTemplate's, a toD's). Chosen and added under the repository's lock: the routes of a context start their
     * producers on several threads.
     *
     * @param routeId the producer's route, or {@code null}
     * @param client  the producer's client; a transactional group's is shared by several producers
     */
    public static RocketMQProducerHealthCheck addTo(WritableHealthCheckRepository repository, String routeId,
                                                    RocketMQEndpoint endpoint, DefaultMQProducer client,
                                                    ClientActivity activity, SendHealth sends) {
        String base = "producer:rocketmq-" + endpoint.getTopicName() + "-";
        synchronized (repository) {
            Set<String> taken = repository.stream().map(HealthCheck::getId).collect(Collectors.toSet());
            String id = routeId == null ? base + 1 : base + routeId;
            for (int n = 2; taken.contains(id); n++) {
                id = routeId == null ? base + n : base + routeId + "-" + n;
            }
            RocketMQProducerHealthCheck check = new RocketMQProducerHealthCheck(id, endpoint, client, activity, sends);
            repository.addHealthCheck(check);
            return check;
        }
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
        // the client looks up the routes of the endpoint's topic (given before it started), of the topics it has
        // sent to and of the brokers that create topics at their first message, and heartbeats to their brokers; it
        // may know none while its topic does not exist yet and no broker creates topics
        if (ClientHealth.down(builder, "the producer of " + endpoint.getTopicName(),
                client.getDefaultMQProducerImpl().getServiceState(), client.getDefaultMQProducerImpl().getMqClientFactory(),
                activity, configuration, !client.getDefaultMQProducerImpl().getTopicPublishInfoTable().isEmpty(),
                false)) {
            return;
        }
        String topic = client.withNamespace(endpoint.getTopicName());
        // a name server that restarted knows no topic until the brokers register again (every 30 s): the client goes
        // on sending with the route it has, and its sends' outcomes tell whether they still succeed
        TopicPublishInfo route = client.getDefaultMQProducerImpl().getTopicPublishInfoTable().get(topic);
        if ((route == null || !route.ok()) && activity.topicNotFound(topic)
            && activity.topicNotFound(client.getCreateTopicKey())) {
            ClientHealth.down(builder, "Topic " + endpoint.getTopicName() + " does not exist on the cluster of namesrvAddr="
                                       + configuration.getNamesrvAddr() + ", and no broker there creates topics at their"
                                       + " first message (autoCreateTopicEnable=false): every send would fail. Create"
                                       + " the topic, or correct the endpoint's topic name");
            return;
        }
        if (sends.down()) {
            Throwable last = sends.lastFailure();
            builder.error(last);
            ClientHealth.down(builder, "The last " + sends.failuresInARow() + " send(s) to " + endpoint.getTopicName()
                                       + " failed, the last " + sends.millisSinceLastFailure() / 1000 + " s ago (UP"
                                       + " again at a successful send, or " + sends.downMillis() / 1000 + " s after"
                                       + " the last failure): " + last.getMessage());
            return;
        }
        builder.up();
    }
}

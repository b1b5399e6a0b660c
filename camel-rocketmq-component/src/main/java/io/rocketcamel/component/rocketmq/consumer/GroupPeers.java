package io.rocketcamel.component.rocketmq.consumer;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the broker, once a consumer started, which other clients consume with its group, and warns about those that
 * subscribe otherwise: consumers of one group in other JVMs (two services that took the same group name, an instance
 * of an older release during a rolling deploy) lose messages as {@link GroupSubscriptions} describes, and only the
 * broker sees them. Warned, not refused: a deploy that changes a group's subscription passes through such a state.
 * The same comparison as RocketMQ's admin tools make for a group's "subscription consistency".
 */
final class GroupPeers {

    private static final Logger LOG = LoggerFactory.getLogger(GroupPeers.class);
    private static final long CALL_TIMEOUT_MILLIS = 3_000;

    private GroupPeers() {
    }

    /** Beside the consumer, as a peer that does not answer holds the check up for seconds. */
    static void checkBeside(DefaultMQPushConsumer client, String topic, String routeId) {
        beside("rocketcamel-group-peers-" + routeId, () -> warnAboutOthers(client, topic, routeId));
    }

    /** A check of the consumer's start that asks the cluster, on a thread of its own: the start does not wait for it. */
    static void beside(String threadName, Runnable check) {
        Thread thread = new Thread(check, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Failures to ask (an ACL that refuses the calls, a peer gone) are logged at DEBUG. */
    private static void warnAboutOthers(DefaultMQPushConsumer client, String topic, String routeId) {
        try {
            MQClientInstance instance = client.getDefaultMQPushConsumerImpl().getmQClientFactory();
            String group = client.getDefaultMQPushConsumerImpl().groupName();
            String broker = instance.findBrokerAddrByTopic(topic);
            if (broker == null) {
                return;
            }
            Map<String, String> ours = normalized(client.getDefaultMQPushConsumerImpl().subscriptions());
            MQClientAPIImpl api = instance.getMQClientAPIImpl();
            ConsumerConnection connections = api.getConsumerConnectionList(broker, group, CALL_TIMEOUT_MILLIS);
            for (Connection peer : connections.getConnectionSet()) {
                if (peer.getClientId().equals(instance.getClientId())) {
                    continue;
                }
                ConsumerRunningInfo info = api.getConsumerRunningInfo(broker, group, peer.getClientId(), false,
                        CALL_TIMEOUT_MILLIS);
                warnIfOrderlyDiffers(client, routeId, group, peer, info);
                Map<String, String> theirs = normalized(info.getSubscriptionSet());
                if (!theirs.equals(ours)) {
                    LOG.warn("Route {}: consumer group {} has a consumer that subscribes otherwise, client {} at {}: {};"
                             + " this route: {}. RocketMQ keeps one subscription per group and shares each topic's queues"
                             + " among all the group's consumers, so while they differ messages are lost: give one of them"
                             + " a group of its own, or finish the deploy that changes the group's subscription",
                            routeId, group, peer.getClientId(), peer.getClientAddr(), theirs, ours);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Route {}: could not compare the subscriptions of the consumer group's clients", routeId, e);
        }
    }

    /**
     * A broker sends every retry of a group straight to its dead-letter topic while any member holds an ORDERLY queue
     * lock: a CONCURRENTLY or POP consumer of a group with ORDERLY members had each failed message (and each
     * retryLater) dead-lettered at its first failure.
     */
    private static void warnIfOrderlyDiffers(DefaultMQPushConsumer client, String routeId, String group,
                                             Connection peer, ConsumerRunningInfo info) {
        boolean ours = client.getDefaultMQPushConsumerImpl().isConsumeOrderly();
        boolean theirs = Boolean.parseBoolean(
                info.getProperties().getProperty(ConsumerRunningInfo.PROP_CONSUME_ORDERLY));
        if (ours != theirs) {
            LOG.warn("Route {}: consumer group {} has a consumer that consumes {}, client {} at {}, and this route {}."
                     + " While a member holds ORDERLY queue locks the brokers send every retry of the group straight to"
                     + " its dead-letter topic, so the group's failed messages skip their retries: give one of them a"
                     + " group of its own", routeId, group, theirs ? "ORDERLY" : "not ORDERLY", peer.getClientId(),
                    peer.getClientAddr(), ours ? "ORDERLY" : "not ORDERLY");
        }
    }

    /** Topic to filter, without the version each client stamps on its subscription. */
    private static Map<String, String> normalized(Set<SubscriptionData> subscriptions) {
        Map<String, String> byTopic = new TreeMap<>();
        if (subscriptions != null) {
            for (SubscriptionData subscription : subscriptions) {
                String filter = "TAG".equals(subscription.getExpressionType()) || subscription.getExpressionType() == null
                        ? "tags " + (subscription.getTagsSet().isEmpty() ? "*" : new TreeSet<>(subscription.getTagsSet()))
                        : subscription.getExpressionType() + " " + subscription.getSubString();
                byTopic.put(subscription.getTopic(), filter);
            }
        }
        return byTopic;
    }
}

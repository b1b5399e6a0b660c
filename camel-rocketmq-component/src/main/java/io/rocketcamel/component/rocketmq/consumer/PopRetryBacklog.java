package io.rocketcamel.component.rocketmq.consumer;

import java.util.Map;
import java.util.TreeMap;

import io.rocketcamel.component.rocketmq.console.GroupOffsets;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once a CONCURRENTLY or ORDERLY consumer started, about messages its group left in its POP retry topic when it
 * consumed with consumeMode=POP: failed pops waiting for their next attempt, and pops never acknowledged, which the
 * brokers move there once visible again. Only POP consumers read that topic, and the brokers moved the group's
 * offsets past those messages when they were popped, so this consumer never gets them. Warned, not refused: the
 * group's switch back from POP is the user's, and draining it takes a POP route of the group.
 */
final class PopRetryBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(PopRetryBacklog.class);
    private static final long CALL_TIMEOUT_MILLIS = 3_000;

    private PopRetryBacklog() {
    }

    /** Beside the consumer, as a broker that does not answer holds the check up for seconds. */
    static void warnBeside(DefaultMQPushConsumer client, String topic, String routeId) {
        GroupPeers.beside("rocketcamel-pop-backlog-" + routeId, () -> warnAboutBacklog(client, topic, routeId));
    }

    /** Failures to ask (an ACL that refuses the call, a broker down) are logged at DEBUG. */
    private static void warnAboutBacklog(DefaultMQPushConsumer client, String topic, String routeId) {
        try {
            MQClientInstance instance = client.getDefaultMQPushConsumerImpl().getmQClientFactory();
            String group = client.getDefaultMQPushConsumerImpl().groupName();
            // the group's retry topics as the name server knows them (a POP retry topic once a broker registered it)
            ConsumeStats stats = GroupOffsets.read(instance.getMQClientAPIImpl(), group, topic, CALL_TIMEOUT_MILLIS);
            Map<String, Long> waiting = new TreeMap<>();
            for (Map.Entry<MessageQueue, OffsetWrapper> queue : stats.getOffsetTable().entrySet()) {
                String queueTopic = queue.getKey().getTopic();
                if (!GroupOffsets.isPopRetryTopic(queueTopic, group, topic)) {
                    continue;
                }
                long committed = Math.max(0, queue.getValue().getConsumerOffset());
                waiting.merge(queueTopic, Math.max(0, queue.getValue().getBrokerOffset() - committed), Long::sum);
            }
            waiting.values().removeIf(count -> count == 0);
            if (!waiting.isEmpty()) {
                LOG.warn("Route {}: consumer group {} has messages waiting in its POP retry topic(s) {}, left when it"
                         + " consumed with consumeMode=POP. Only POP consumers read them, and this route (consumeMode"
                         + " CONCURRENTLY or ORDERLY) never gets them: run a consumeMode=POP route of the group until they"
                         + " are consumed, then switch the group back (mqadmin setConsumeMode ... -m PULL)",
                        routeId, group, waiting);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Route {}: could not read the consumer group's POP retry topics", routeId, e);
        }
    }
}

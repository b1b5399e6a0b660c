package io.rocketcamel.component.rocketmq.console;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rocketcamel.component.rocketmq.internal.Namespaces;
import org.apache.camel.util.json.JsonObject;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;

/**
 * How far a consumer group is behind on a topic, per queue, and on the topics its redeliveries wait in, read from the
 * brokers' offsets. Names are shown without the namespace, as the endpoint names them.
 *
 * @param lag        messages in the topic beyond the group's committed offsets
 * @param retryTopic the group's retry topic, {@code %RETRY%} followed by the group
 * @param retryLag   redeliveries waiting: in the retry topic and, for a POP group, in the POP retry topic
 *                   ({@code %RETRY%<group>_<topic>}) the brokers move an unacknowledged pop to
 * @param queues     the topic's queues, then the retry topics'
 * @param unanswered brokers of these topics that did not answer, by name: why; their queues are missing, and the
 *                   lags count only the queues shown
 */
public record GroupLag(String consumerGroup, String topic, long lag, String retryTopic, long retryLag,
        List<QueueLag> queues, Map<String, String> unanswered) {

    /**
     * @param stats the group's consume stats from every broker (as {@link GroupOffsets} reads them, or more topics)
     */
    public static GroupLag of(String consumerGroup, String topic, String namespace, ConsumeStats stats) {
        return of(consumerGroup, topic, namespace, new GroupOffsets.Answer(stats, Map.of()));
    }

    /** @param answer the group's consume stats from the brokers that answered, and those that did not */
    public static GroupLag of(String consumerGroup, String topic, String namespace, GroupOffsets.Answer answer) {
        ConsumeStats stats = answer.stats();
        Set<String> wrappedTopics = Set.copyOf(GroupOffsets.topics(Namespaces.wrap(namespace, consumerGroup),
                Namespaces.wrap(namespace, topic)));
        List<QueueLag> queues = stats.getOffsetTable().entrySet().stream()
                .filter(entry -> wrappedTopics.contains(entry.getKey().getTopic()))
                .map(entry -> queueLag(entry.getKey(), entry.getValue(), namespace))
                .sorted(Comparator.comparing((QueueLag queue) -> queue.topic().startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX))
                        .thenComparing(QueueLag::topic).thenComparing(QueueLag::brokerName)
                        .thenComparingInt(QueueLag::queueId))
                .toList();
        long lag = queues.stream().filter(queue -> queue.topic().equals(topic)).mapToLong(QueueLag::lag).sum();
        long retryLag = queues.stream().filter(queue -> !queue.topic().equals(topic)).mapToLong(QueueLag::lag).sum();
        return new GroupLag(consumerGroup, topic, lag, MixAll.getRetryTopic(consumerGroup), retryLag, queues,
                answer.unanswered());
    }

    private static QueueLag queueLag(MessageQueue queue, OffsetWrapper offsets, String namespace) {
        long committed = offsets.getConsumerOffset();
        long lag = committed < 0 ? 0 : Math.max(0, offsets.getBrokerOffset() - committed);
        return new QueueLag(withoutNamespace(queue.getTopic(), namespace), queue.getBrokerName(), queue.getQueueId(),
                offsets.getBrokerOffset(), committed, lag);
    }

    private static String withoutNamespace(String topic, String namespace) {
        return namespace == null || namespace.isEmpty() ? topic : NamespaceUtil.withoutNamespace(topic, namespace);
    }

    public JsonObject toJson() {
        return Json.of(this);
    }
}

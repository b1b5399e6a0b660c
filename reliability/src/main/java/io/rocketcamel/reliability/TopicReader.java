package io.rocketcamel.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * Reads a topic back from the first offset of every queue with the official client, up to each queue's max offset at
 * the time of the call: the truth about what the brokers stored. A queue whose master is down is read from its slave.
 * Each stored position is counted once, so a read that the client repeats does not look like a duplicate.
 */
final class TopicReader {

    private TopicReader() {
    }

    static List<StoredMessage> readAll(String namesrv, String topic, Duration timeout) throws Exception {
        return read(namesrv, topic, broker -> true, timeout);
    }

    static List<StoredMessage> read(String namesrv, String topic, Predicate<String> brokers, Duration timeout) throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        DefaultMQAdminExt admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(namesrv);
        admin.setInstanceName("reader-admin-" + unique);
        admin.start();
        Map<MessageQueue, TopicOffset> offsets;
        try {
            offsets = new HashMap<>(admin.examineTopicStats(topic).getOffsetTable());
        } finally {
            Background.close(admin::shutdown);
        }
        offsets.keySet().removeIf(queue -> !brokers.test(queue.getBrokerName()));

        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("reliability-reader-" + unique);
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("reader-" + unique);
        consumer.setAutoCommit(false);
        // a group that never consumed starts each queue at its first message
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPullBatchSize(256);
        consumer.start();
        Map<String, StoredMessage> byPosition = new LinkedHashMap<>();
        try {
            consumer.assign(offsets.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!complete(byPosition, offsets)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Read " + byPosition.size() + " of " + expected(offsets) + " messages of "
                            + topic + " within " + timeout.toSeconds() + " s");
                }
                for (MessageExt message : consumer.poll(1000)) {
                    StoredMessage stored = new StoredMessage(new String(message.getBody(), StandardCharsets.UTF_8),
                            message.getBrokerName(), message.getQueueId(), message.getQueueOffset());
                    byPosition.putIfAbsent(stored.broker() + "/" + stored.queue() + "/" + stored.offset(), stored);
                }
            }
        } finally {
            Background.close(consumer::shutdown);
        }
        return new ArrayList<>(byPosition.values());
    }

    private static long expected(Map<MessageQueue, TopicOffset> offsets) {
        return offsets.values().stream().mapToLong(o -> o.getMaxOffset() - o.getMinOffset()).sum();
    }

    private static boolean complete(Map<String, StoredMessage> read, Map<MessageQueue, TopicOffset> offsets) {
        Map<String, Long> perQueue = new HashMap<>();
        read.values().forEach(m -> perQueue.merge(m.broker() + "/" + m.queue(), 1L, Long::sum));
        return offsets.entrySet().stream().allMatch(e -> perQueue.getOrDefault(
                e.getKey().getBrokerName() + "/" + e.getKey().getQueueId(), 0L) >= e.getValue().getMaxOffset() - e.getValue().getMinOffset());
    }
}

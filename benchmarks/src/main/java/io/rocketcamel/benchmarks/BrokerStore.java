package io.rocketcamel.benchmarks;

import java.nio.ByteBuffer;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.GetMessageResult;
import org.apache.rocketmq.store.MessageStore;
import org.apache.rocketmq.store.exception.ConsumeQueueException;

/**
 * What the broker itself says it stored: a round is over only when every message is in its topic's queues (oneway
 * and camel-rocketmq's default complete before that); the commit log's growth gives the store's write rate; and a
 * topic can be read back queue by queue, as stored, to check per-key order.
 */
public final class BrokerStore {

    public static final int QUEUES = 8;

    private final EmbeddedRocketMQBroker broker;
    private final MessageStore store;

    public BrokerStore(EmbeddedRocketMQBroker broker) {
        this.broker = broker;
        this.store = broker.getBrokerController(broker.getBrokerNames().get(0)).getMessageStore();
    }

    public String namesrvAddr() {
        return broker.getNamesrvAddr();
    }

    public void createTopic(String topic) {
        broker.createTopic(topic, QUEUES);
    }

    public long stored(String topic) {
        long total = 0;
        try {
            for (int queue = 0; queue < QUEUES; queue++) {
                total += store.getMaxOffsetInQueue(topic, queue);
            }
        } catch (ConsumeQueueException e) {
            throw new IllegalStateException("Cannot read the queues of " + topic, e);
        }
        return total;
    }

    public long commitLogBytes() {
        return store.getMaxPhyOffset();
    }

    /**
     * Waits until the topic holds {@code expected} messages, or until it stopped growing for {@code stallMillis}
     * (a oneway send may be lost without anyone knowing). Polled every millisecond: it runs only after a round's sends.
     *
     * @return when the last of them was seen stored (System.nanoTime)
     */
    public long awaitStored(String topic, long expected, long stallMillis) throws InterruptedException {
        long count = stored(topic);
        long seenAt = System.nanoTime();
        while (count < expected && System.nanoTime() - seenAt < stallMillis * 1_000_000) {
            Thread.sleep(1);
            long now = stored(topic);
            if (now != count) {
                count = now;
                seenAt = System.nanoTime();
            }
        }
        return seenAt;
    }

    /** Every stored message of {@code topic}, queue by queue, in the order the queue holds them. */
    public void readBack(String topic, QueueVisitor visitor) throws ConsumeQueueException {
        for (int queue = 0; queue < QUEUES; queue++) {
            long end = store.getMaxOffsetInQueue(topic, queue);
            int queueId = queue;
            for (long offset = store.getMinOffsetInQueue(topic, queue); offset < end; ) {
                GetMessageResult result = store.getMessage("benchmark-read-back", topic, queue, offset, 32, null);
                if (result == null || result.getMessageBufferList().isEmpty()) {
                    throw new IllegalStateException("Cannot read " + topic + " queue " + queue + " at offset " + offset
                            + ": " + (result == null ? "no result" : result.getStatus()));
                }
                try {
                    for (ByteBuffer buffer : result.getMessageBufferList()) {
                        MessageExt message = MessageDecoder.decode(buffer, true, false);
                        visitor.accept(queueId, message.getBody());
                    }
                } finally {
                    result.release();
                }
                offset = result.getNextBeginOffset();
            }
        }
    }

    public interface QueueVisitor {
        void accept(int queue, byte[] body);
    }
}

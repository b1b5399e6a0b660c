package io.rocketcamel.benchmarks;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.rocketmq.store.MessageStore;
import org.apache.rocketmq.store.exception.ConsumeQueueException;

/**
 * What the broker itself says it stored: a phase is over only when every message is in its topic's queues (oneway
 * and camel-rocketmq's default complete before that), and the commit-log growth gives the store's write rate.
 */
final class BrokerStore {

    static final int QUEUES = 8;

    private final EmbeddedRocketMQBroker broker;
    private final MessageStore store;

    BrokerStore(EmbeddedRocketMQBroker broker) {
        this.broker = broker;
        this.store = broker.getBrokerController(broker.getBrokerNames().get(0)).getMessageStore();
    }

    String namesrvAddr() {
        return broker.getNamesrvAddr();
    }

    void createTopic(String topic) {
        broker.createTopic(topic, QUEUES);
    }

    long stored(String topic) {
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

    long commitLogBytes() {
        return store.getMaxPhyOffset();
    }

    /**
     * Waits until the topic holds {@code expected} messages, or until it stopped growing for {@code stallMillis}
     * (a oneway send may be lost without anyone knowing).
     *
     * @return how many it holds, and when that count was first seen (System.nanoTime)
     */
    Stored awaitStored(String topic, long expected, long stallMillis) throws InterruptedException {
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
        return new Stored(count, seenAt);
    }

    record Stored(long count, long seenAtNanos) {
    }
}

package io.rocketcamel.benchmarks;

import java.util.HashMap;
import java.util.Map;

import org.apache.rocketmq.store.exception.ConsumeQueueException;

/**
 * Per-key order as the broker stored it: every queue read back in order, each message's key and sequence from its
 * body. A key's messages must be in one queue with rising sequences; a repeated sequence is a duplicate (a send
 * retried after the broker had stored it: at-least-once), a lower one is out of order.
 */
record OrderCheck(long messages, long keys, long outOfOrder, long duplicates, long keysInSeveralQueues) {

    static OrderCheck of(BrokerStore store, String topic) throws ConsumeQueueException {
        Map<Integer, Long> lastSequence = new HashMap<>();
        Map<Integer, Integer> queueOfKey = new HashMap<>();
        long[] counts = new long[4];
        store.readBack(topic, (queue, body) -> {
            counts[0]++;
            int key = Payloads.key(body);
            long sequence = Payloads.sequence(body);
            if (!queueOfKey.getOrDefault(key, queue).equals(queue)) {
                counts[3]++;
            }
            queueOfKey.put(key, queue);
            Long last = lastSequence.put(key, sequence);
            if (last != null && sequence < last) {
                counts[1]++;
            } else if (last != null && sequence == last) {
                counts[2]++;
            }
        });
        return new OrderCheck(counts[0], lastSequence.size(), counts[1], counts[2], counts[3]);
    }

    boolean kept() {
        return outOfOrder == 0 && keysInSeveralQueues == 0;
    }

    @Override
    public String toString() {
        return String.format("per-key order %s: %,d messages of %,d keys read back from the store, %d out of order, %d duplicates"
                + ", %d keys in several queues", kept() ? "kept" : "BROKEN", messages, keys, outOfOrder, duplicates, keysInSeveralQueues);
    }
}

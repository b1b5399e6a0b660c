package io.rocketcamel.examples.cdc;

import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;

/**
 * Which queue an order key goes to, as the {@code rocketmq:} producer chooses it: a stable hash of the key over the
 * topic's queues ({@link OrderKeyQueueSelector}), the same in the capture route that sends and in the sinks that
 * receive.
 */
final class OrderKeys {

    /** Far more than needed: a key lands on a given one of n queues once in n tries on average. */
    private static final int MAX_TRIES = 1_000_000;

    private OrderKeys() {
    }

    static int queueOf(String orderKey, int queues) {
        return OrderKeyQueueSelector.queueIndex(orderKey, queues);
    }

    /** An order key that lands on this queue. */
    static String landingOn(int queue, int queues) {
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            String key = "queue-" + queue + "-" + attempt;
            if (queueOf(key, queues) == queue) {
                return key;
            }
        }
        throw new IllegalStateException("No order key of " + MAX_TRIES + " tried lands on queue " + queue + " of " + queues);
    }
}

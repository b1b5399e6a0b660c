package io.rocketcamel.component.rocketmq.consumer;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Whether messages a suspended route held are still this consumer's to run at the resume: meanwhile another consumer
 * of the group, or the broker, may have taken them over, and running them here as well would run them twice (ORDERLY:
 * after messages behind them, out of order).
 */
@FunctionalInterface
interface Holding {

    /** BROADCASTING: each node runs every message. */
    Holding KEPT = () -> null;

    /** @return why the messages are no longer this consumer's, or {@code null} when they still are */
    String lostBecause();

    /**
     * A rebalance that gives the queue to another consumer drops its process queue here (ORDERLY: once the client
     * force-unlocks it, 20 s after its last lock, although a held message is still in the listener): the other starts
     * at the offset stored, which the held messages never passed, and runs them.
     */
    static Holding whileAssigned(DefaultMQPushConsumer client, MessageQueue queue) {
        ProcessQueue taken = client.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().get(queue);
        return () -> taken == null || taken.isDropped()
                ? "the group's rebalance took " + queue + " from this consumer, the one it went to runs them" : null;
    }
}

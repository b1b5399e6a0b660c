package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Whether messages a suspended route held are still this consumer's to run at the resume: meanwhile another consumer
 * of the group, or the broker, may have taken them over, and running them here as well would run them twice (ORDERLY:
 * after messages behind them, out of order). Asked only for messages that were held, one instance per listener.
 */
@FunctionalInterface
interface Holding {

    /** BROADCASTING: each node runs every message. */
    Holding KEPT = (messages, queue) -> null;

    /**
     * @param queue the queue the messages came from
     * @return why the messages are no longer this consumer's, or {@code null} when they still are
     */
    String lostBecause(List<MessageExt> messages, MessageQueue queue);

    /**
     * @return until when (epoch milliseconds) the messages may wait for the resume: past it they go back to the group
     *         unrun and uncounted, for the group's next consumer or this one once resumed
     */
    default long keptUntil(List<MessageExt> messages) {
        return Long.MAX_VALUE;
    }

    /**
     * A suspended (paused) client does not rebalance; its resume does, before the held messages are released. When
     * that rebalance gives the queue to another consumer it drops the queue's process queue here (CONCURRENTLY: and
     * removes it; ORDERLY: keeps it until the held message leaves the listener): the other starts at the offset
     * stored, which the held messages never passed, and runs them.
     */
    static Holding whileAssigned(DefaultMQPushConsumer client) {
        return (messages, queue) -> {
            ProcessQueue current = client.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().get(queue);
            return current == null || current.isDropped()
                    ? "the group's rebalance took " + queue + " from this consumer, the one it went to runs them" : null;
        };
    }
}

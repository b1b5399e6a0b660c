package io.rocketcamel.component.rocketmq.producer;

import java.util.List;

import org.apache.rocketmq.common.message.Message;

/**
 * What one exchange sends, ready for the client: one message; or, for a list body, batches packed from its elements
 * (single messages when delayed, which RocketMQ batches do not support). All of them go to the queue of
 * {@code queueKey} (an order key or a message group) when there is one.
 *
 * @param messages what the client sends, each a message or a packed batch, in order
 * @param fromList whether the body was a list (so the messages may be batches)
 * @param delayed  whether the messages carry a delay level or a delivery time
 */
public record OutgoingMessages(List<Message> messages, QueueKey queueKey, boolean fromList, boolean delayed) {

    /** Whether this can join an automatic batch: one plain message (RocketMQ batches cannot be delayed). */
    public boolean batchable() {
        return !fromList && !delayed;
    }
}

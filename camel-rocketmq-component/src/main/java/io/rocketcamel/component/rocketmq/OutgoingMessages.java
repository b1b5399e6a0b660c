package io.rocketcamel.component.rocketmq;

import java.util.List;

import org.apache.rocketmq.common.message.Message;

/**
 * What one exchange sends: one message, or a list body as batches (or as single messages when delayed, which
 * RocketMQ batches do not support), all of them to the queue of {@code orderKey} when there is one.
 */
public record OutgoingMessages(List<Message> units, String orderKey, boolean fromList) {
}

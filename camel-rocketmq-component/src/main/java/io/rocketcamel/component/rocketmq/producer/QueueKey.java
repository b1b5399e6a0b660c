package io.rocketcamel.component.rocketmq.producer;

import io.rocketcamel.component.rocketmq.MessageGroupQueueSelector;
import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import org.apache.rocketmq.client.producer.MessageQueueSelector;

/**
 * The key whose queue an exchange's messages go to, and how that queue is found: an order key (CRC32, this
 * component's own) or a RocketMQ 5 message group (the proxy's consistent hash).
 */
public record QueueKey(String value, MessageQueueSelector selector) {

    public static QueueKey orderKey(String value) {
        return value == null ? null : new QueueKey(value, OrderKeyQueueSelector.INSTANCE);
    }

    public static QueueKey messageGroup(String value) {
        return value == null ? null : new QueueKey(value, MessageGroupQueueSelector.INSTANCE);
    }

    @Override
    public String toString() {
        return (selector == MessageGroupQueueSelector.INSTANCE ? "message group " : "order key ") + value;
    }
}

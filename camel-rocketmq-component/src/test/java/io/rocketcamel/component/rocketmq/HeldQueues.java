package io.rocketcamel.component.rocketmq;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.common.message.MessageQueue;

/** The queues of a topic a push consumer reads now: its rebalance's process queues not dropped. */
final class HeldQueues {

    private HeldQueues() {
    }

    static Set<MessageQueue> of(DefaultMQPushConsumerImpl consumer, String topic) {
        return consumer.getRebalanceImpl().getProcessQueueTable().entrySet().stream()
                .filter(entry -> entry.getKey().getTopic().equals(topic) && !entry.getValue().isDropped())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}

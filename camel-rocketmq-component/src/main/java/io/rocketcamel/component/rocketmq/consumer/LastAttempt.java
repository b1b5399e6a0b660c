package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.rocketmq.common.message.MessageExt;

/**
 * Whether a failure is a message's last: RocketMQ gives a message up (to the group's dead-letter topic) when it fails
 * again after maxReconsumeTimes redeliveries.
 */
final class LastAttempt {

    private LastAttempt() {
    }

    /**
     * A batch is dead-lettered only when every message of it is at its last attempt; otherwise it is redelivered as a
     * whole, and the broker moves those at the limit to the group's dead-letter topic.
     */
    static boolean allAt(List<MessageExt> messages, int maxReconsumeTimes) {
        return messages.stream().allMatch(message -> message.getReconsumeTimes() >= maxReconsumeTimes);
    }
}

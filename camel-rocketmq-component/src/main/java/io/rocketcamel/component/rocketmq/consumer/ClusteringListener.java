package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * CLUSTERING with CONCURRENTLY: a failed exchange's messages go back to the broker, which redelivers them through the
 * group's retry topic with growing delays; after maxReconsumeTimes they go to deadLetterUri, or the broker moves
 * them to the group's dead-letter topic.
 */
final class ClusteringListener implements MessageListenerConcurrently {

    private final RouteRunner runner;
    private final DeadLetterChannel deadLetters;
    private final int maxReconsumeTimes;

    ClusteringListener(RouteRunner runner, DeadLetterChannel deadLetters, int maxReconsumeTimes) {
        this.runner = runner;
        this.deadLetters = deadLetters;
        this.maxReconsumeTimes = maxReconsumeTimes;
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        ExchangeOutcome outcome = runner.run(messages);
        if (outcome.succeeded() || deadLettered(messages, outcome)) {
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }
        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
    }

    private boolean deadLettered(List<MessageExt> messages, ExchangeOutcome outcome) {
        return deadLetters != null && LastAttempt.allAt(messages, maxReconsumeTimes)
               && deadLetters.deliver(messages, outcome.failure());
    }
}

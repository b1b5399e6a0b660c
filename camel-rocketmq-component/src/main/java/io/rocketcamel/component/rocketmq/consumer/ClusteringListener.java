package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * CLUSTERING with CONCURRENTLY: a failed exchange's messages go back to the broker, which redelivers them through the
 * group's retry topic after their delay level (the route's, else growing with each attempt), or at the time the route
 * asked for; after maxReconsumeTimes they go to deadLetterUri, or the broker moves them to the group's dead-letter
 * topic.
 */
class ClusteringListener implements MessageListenerConcurrently {

    private final RouteRunner runner;
    final ClusteringRedelivery redelivery;

    ClusteringListener(RouteRunner runner, ClusteringRedelivery redelivery) {
        this.runner = runner;
        this.redelivery = redelivery;
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        ExchangeOutcome outcome = runner.run(messages);
        if (outcome.refused()) {
            // POP, stopping: the client gives the messages back for the POP retry delay of their attempt
            return ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
        if (outcome.handedBack()) {
            // the route did not fail them: the client's way back would count an attempt (on the last, a dead letter)
            return redelivery.handBack(messages) ? ConsumeConcurrentlyStatus.CONSUME_SUCCESS
                    : ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
        if (outcome.succeeded() || settled(messages, outcome)) {
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }
        context.setDelayLevelWhenNextConsume(outcome.retryDelayLevel());
        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
    }

    /** @return whether the failed messages are dealt with, so the consumed ones can be acknowledged */
    boolean settled(List<MessageExt> messages, ExchangeOutcome outcome) {
        return redelivery.settled(messages, outcome);
    }
}

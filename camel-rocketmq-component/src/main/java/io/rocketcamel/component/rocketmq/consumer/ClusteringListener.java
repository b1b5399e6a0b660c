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
 * topic. Messages the stop took from the route before it decided (manualAck) or ran (POP) are no failure: they go back
 * to the group's retry topic at their own attempt.
 */
class ClusteringListener implements MessageListenerConcurrently {

    private final RouteRunner runner;
    final ClusteringRedelivery redelivery;
    private final Holding holding;

    ClusteringListener(RouteRunner runner, ClusteringRedelivery redelivery, Holding holding) {
        this.runner = runner;
        this.redelivery = redelivery;
        this.holding = holding;
    }

    @Override
    public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        ConsumeConcurrentlyStatus status = decide(messages, context);
        // The dead-letter route may have left this thread interrupted, as a route may (see RouteRunner#run): the client
        // removes consumed messages from its process queue under a lock it takes interruptibly, and on an interrupted
        // thread left them there, holding the group's offset at them until consumeTimeout sent them back.
        Thread.interrupted();
        return status;
    }

    private ConsumeConcurrentlyStatus decide(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
        ExchangeOutcome outcome = runner.run(messages, context.getMessageQueue(), holding);
        if (outcome == ExchangeOutcome.LAPSED || lapsedWhileRunning(messages)) {
            // not a failure: neither dead-lettered nor sent back, the broker has them again (the client ignores this)
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }
        if (outcome.handedBack()) {
            // the route did not fail them: the client's way back would count an attempt (on the last, a dead letter;
            // POP: a revived pop, counted)
            return redelivery.handBack(messages) ? ConsumeConcurrentlyStatus.CONSUME_SUCCESS
                    : ConsumeConcurrentlyStatus.RECONSUME_LATER;
        }
        if (outcome.succeeded()) {
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }
        int settled = settled(messages, outcome);
        if (settled == messages.size()) {
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }
        context.setDelayLevelWhenNextConsume(outcome.retryDelayLevel());
        if (settled > 0) {
            // the client sends back only those after the ack index: sent back whole, the batch's messages the
            // dead-letter endpoint took went to %DLQ% too
            context.setAckIndex(settled - 1);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        }
        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
    }

    /** Whether the messages stopped being this consumer's while the route ran, so its outcome counts for nothing. */
    boolean lapsedWhileRunning(List<MessageExt> messages) {
        return false;
    }

    /** @return how many of the failed messages, from the first, are dealt with (see ClusteringRedelivery) */
    int settled(List<MessageExt> messages, ExchangeOutcome outcome) {
        return redelivery.settled(messages, outcome);
    }
}

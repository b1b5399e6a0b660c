package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * ORDERLY: a failed exchange suspends its queue for suspendTime and the same messages are retried in place, so
 * nothing behind them overtakes them; after maxReconsumeTimes they go to deadLetterUri, or the client moves them to
 * the group's dead-letter topic, and the queue moves on.
 */
final class OrderlyListener implements MessageListenerOrderly {

    private final RouteRunner runner;
    private final DeadLetterChannel deadLetters;
    private final int maxReconsumeTimes;
    private final long suspendMillis;

    OrderlyListener(RouteRunner runner, DeadLetterChannel deadLetters, int maxReconsumeTimes, long suspendMillis) {
        this.runner = runner;
        this.deadLetters = deadLetters;
        this.maxReconsumeTimes = maxReconsumeTimes;
        this.suspendMillis = suspendMillis;
    }

    @Override
    public ConsumeOrderlyStatus consumeMessage(List<MessageExt> messages, ConsumeOrderlyContext context) {
        ExchangeOutcome outcome = runner.run(messages);
        if (outcome.succeeded()) {
            return ConsumeOrderlyStatus.SUCCESS;
        }
        if (deadLetters != null && LastAttempt.allAt(messages, maxReconsumeTimes)
            && deadLetters.deliver(messages, outcome.failure())) {
            return ConsumeOrderlyStatus.SUCCESS;
        }
        context.setSuspendCurrentQueueTimeMillis(suspendMillis);
        return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
    }
}

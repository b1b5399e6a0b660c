package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * ORDERLY: a failed exchange suspends its queue for suspendTime (or the time the route asked for with retryLater) and
 * the same messages are retried in place, so nothing behind them overtakes them; after maxReconsumeTimes they go to deadLetterUri, or the client moves them to
 * the group's dead-letter topic, and the queue moves on.
 */
final class OrderlyListener implements MessageListenerOrderly {

    /** The client suspends a queue for 10 ms to 30 s; retryLater(Duration) is checked against the upper bound. */
    static final java.time.Duration MAX_SUSPEND = java.time.Duration.ofSeconds(30);
    private static final long MIN_SUSPEND_MILLIS = 10;

    private final RouteRunner runner;
    private final DeadLetterChannel deadLetters;
    private final int maxReconsumeTimes;
    private final long suspendMillis;
    private final Holding holding;
    private final RunningQueueLocks runningLocks;

    OrderlyListener(RouteRunner runner, DeadLetterChannel deadLetters, int maxReconsumeTimes, long suspendMillis,
                    Holding holding, RunningQueueLocks runningLocks) {
        this.runner = runner;
        this.holding = holding;
        this.runningLocks = runningLocks;
        this.deadLetters = deadLetters;
        this.maxReconsumeTimes = maxReconsumeTimes;
        this.suspendMillis = suspendMillis;
    }

    @Override
    public ConsumeOrderlyStatus consumeMessage(List<MessageExt> messages, ConsumeOrderlyContext context) {
        ConsumeOrderlyStatus status = decide(messages, context);
        // The client puts failed messages back, and commits, under a lock it takes interruptibly: on a thread the route
        // left interrupted it gave up with an error in its log, and the next success committed past the failed ones.
        // RouteRunner#run clears the route's interrupt; the dead-letter route may have left one too.
        Thread.interrupted();
        return status;
    }

    private ConsumeOrderlyStatus decide(List<MessageExt> messages, ConsumeOrderlyContext context) {
        MessageQueue queue = context.getMessageQueue();
        ExchangeOutcome outcome;
        runningLocks.started(queue);
        try {
            outcome = runner.run(messages, queue, holding);
        } finally {
            runningLocks.ended(queue);
        }
        if (outcome.succeeded() || outcome == ExchangeOutcome.LAPSED) {
            // LAPSED: the queue is another consumer's; the client commits nothing for a dropped queue
            return ConsumeOrderlyStatus.SUCCESS;
        }
        if (outcome.handedBack()) {
            return handBack(messages, context);
        }
        if (holding.lostBecause(messages, queue) != null) {
            // its next owner runs them again from the offset stored: given up here, they were dead-lettered though
            // it processed them
            return ConsumeOrderlyStatus.SUCCESS;
        }
        boolean lastAttempt = LastAttempt.allAt(messages, maxReconsumeTimes);
        if (deadLetters != null && lastAttempt && deadLetters.deliver(messages, outcome.failure()) == messages.size()) {
            return ConsumeOrderlyStatus.SUCCESS;
        }
        if (!lastAttempt) {
            keepTogether(messages);
        }
        context.setSuspendCurrentQueueTimeMillis(
                outcome.retryDelay() == null ? suspendMillis : Math.max(MIN_SUSPEND_MILLIS, outcome.retryDelay().toMillis()));
        return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
    }

    /**
     * A batch grows while its queue is suspended (messages that arrived meanwhile join it), so its messages' counts
     * differ. The client gives up, alone, each message of a suspended batch that is at its limit: it sends it to the
     * group's dead-letter topic and still retries it in place with the others, so it was dead-lettered again at each
     * further failure, processed or sent to deadLetterUri later with its batch besides. A message at its limit waits
     * for the rest of its batch instead (its count stepped back by one, which this suspension puts back), and the batch
     * is given up whole once every message of it is at its limit.
     */
    private void keepTogether(List<MessageExt> messages) {
        for (MessageExt message : messages) {
            if (message.getReconsumeTimes() >= maxReconsumeTimes) {
                message.setReconsumeTimes(message.getReconsumeTimes() - 1);
            }
        }
    }

    /**
     * The consumer stops before the route decided, or took again what it handed back: not a failure. The messages stay
     * in their queue, uncommitted, for its next consumer, neither dead-lettered nor counted. The client counts each
     * suspension as an attempt in the messages themselves, and at maxReconsumeTimes dead-letters them instead of
     * suspending: their count is stepped back by one, which this suspension puts back.
     */
    private ConsumeOrderlyStatus handBack(List<MessageExt> messages, ConsumeOrderlyContext context) {
        for (MessageExt message : messages) {
            message.setReconsumeTimes(message.getReconsumeTimes() - 1);
        }
        context.setSuspendCurrentQueueTimeMillis(suspendMillis);
        return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
    }
}

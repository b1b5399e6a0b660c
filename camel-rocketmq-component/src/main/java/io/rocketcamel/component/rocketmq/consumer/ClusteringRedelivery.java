package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.rocketmq.common.message.MessageExt;

/**
 * What the CLUSTERING listeners (push and POP) do with a failed exchange before they hand it back to the client: on
 * the last attempt, deadLetterUri; when the route asked for a redelivery after a given time, a retry at that time.
 */
final class ClusteringRedelivery {

    private final DeadLetterChannel deadLetters;
    private final DelayedRedelivery delayed;
    private final int maxReconsumeTimes;

    ClusteringRedelivery(DeadLetterChannel deadLetters, DelayedRedelivery delayed, int maxReconsumeTimes) {
        this.deadLetters = deadLetters;
        this.delayed = delayed;
        this.maxReconsumeTimes = maxReconsumeTimes;
    }

    /** @return whether the failed messages are dealt with, so the consumed ones can be acknowledged */
    boolean settled(List<MessageExt> messages, ExchangeOutcome outcome) {
        if (atLastAttempt(messages)) {
            return deadLetters != null && deadLetters.deliver(messages, outcome.failure());
        }
        return outcome.retryDelay() != null && delayed.resend(messages, outcome.retryDelay());
    }

    boolean atLastAttempt(List<MessageExt> messages) {
        return LastAttempt.allAt(messages, maxReconsumeTimes);
    }

    DelayedRedelivery delayed() {
        return delayed;
    }
}

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

    /**
     * @return how many of the failed messages, from the first, are dealt with: all of them, and the consumed ones can
     *         be acknowledged; fewer when the dead-letter endpoint refused one
     */
    int settled(List<MessageExt> messages, ExchangeOutcome outcome) {
        if (atLastAttempt(messages)) {
            return deadLetters == null ? 0 : deadLetters.deliver(messages, outcome.failure());
        }
        return outcome.retryDelay() != null && delayed.resend(messages, outcome.retryDelay()) ? messages.size() : 0;
    }

    /**
     * The consumer stops before the route decided or ran: not a failure, so neither deadLetterUri nor an attempt
     * counted.
     *
     * @return whether the messages are on their way back to the group, so the consumed ones can be acknowledged
     */
    boolean handBack(List<MessageExt> messages) {
        return delayed.handBack(messages);
    }

    boolean atLastAttempt(List<MessageExt> messages) {
        return LastAttempt.allAt(messages, maxReconsumeTimes);
    }

    /** Whether every message came back after its last attempt (POP: its last run outlasted the pop). */
    boolean pastLastAttempt(List<MessageExt> messages) {
        return messages.stream().allMatch(message -> message.getReconsumeTimes() > maxReconsumeTimes);
    }

    DelayedRedelivery delayed() {
        return delayed;
    }
}

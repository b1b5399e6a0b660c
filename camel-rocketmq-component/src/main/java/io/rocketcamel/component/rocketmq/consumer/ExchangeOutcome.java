package io.rocketcamel.component.rocketmq.consumer;

import java.time.Duration;

/**
 * How the route ended for consumed messages.
 *
 * @param failure         why it failed (an exception, rollback-only, or a redelivery the route asked for);
 *                        {@code null} when the messages may be acknowledged
 * @param retryDelay      the exact delay before the redelivery the route asked for with
 *                        {@code retryLater(Duration)}; {@code null} for the listener's own delay
 * @param retryDelayLevel the delay level of the next redelivery (CLUSTERING); 0 for RocketMQ's growing delay
 */
record ExchangeOutcome(Throwable failure, Duration retryDelay, int retryDelayLevel) {

    static final ExchangeOutcome SUCCEEDED = new ExchangeOutcome(null, null, 0);
    /**
     * The route did not run: the consumer was stopping, and the messages were popped (POP) or handed back by it
     * already. Not a failure of the messages: they go back to the group without an attempt counted (see
     * {@link #handedBack()}).
     */
    static final ExchangeOutcome REFUSED = new ExchangeOutcome(
            new IllegalStateException("The consumer is stopping: the route did not run"), null, 0);
    /**
     * manualAck: the consumer stopped while the route had not decided yet. Not a failure of the messages: the route
     * did not fail them, so they go back to the group without an attempt counted (see {@link #handedBack()}).
     */
    static final ExchangeOutcome UNDECIDED_AT_STOP = new ExchangeOutcome(
            new IllegalStateException("The consumer stopped before the route decided about the message(s)"), null, 0);

    /**
     * The consumer's stop cut the exchange short: Camel's forced stop refused its next step, or the client's shutdown
     * interrupted it. Not a failure of the messages: they go back to the group without an attempt counted (see
     * {@link #handedBack()}); counted, on their last attempt they were dead-lettered.
     */
    static final ExchangeOutcome CUT_SHORT_BY_STOP = new ExchangeOutcome(
            new IllegalStateException("The consumer's stop cut the exchange short"), null, 0);

    /**
     * POP: the messages waited for the route's resume until their pop was about to lapse, which the broker would count
     * as an attempt (on the last, a dead letter unrun). Not a failure: they go back to the group without an attempt
     * counted (see {@link #handedBack()}).
     */
    static final ExchangeOutcome HELD_UNTIL_POP_LAPSES = new ExchangeOutcome(
            new IllegalStateException("The route stayed suspended until the messages' pop was about to lapse: the route"
                                      + " did not run"), null, 0);

    /**
     * The messages waited for the route's resume and are no longer this consumer's (see {@link Holding}): they did not
     * run. POP: their pop lapsed, the broker hands them out again. CONCURRENTLY, ORDERLY: their queue moved to another
     * consumer of the group, which starts at them. The client drops any outcome of either.
     */
    static final ExchangeOutcome LAPSED = new ExchangeOutcome(
            new IllegalStateException("The messages are no longer this consumer's after the route's suspension: the route"
                                      + " did not run"), null, 0);

    ExchangeOutcome(Throwable failure) {
        this(failure, null, 0);
    }

    boolean succeeded() {
        return failure == null;
    }

    /**
     * Whether the messages go back to the group because the consumer stopped before the route ran, decided or ended,
     * or (POP) stayed suspended until their pop was about to lapse, not because the route failed them: their attempt is
     * not counted, and they are neither dead-lettered nor acknowledged as they are.
     */
    boolean handedBack() {
        return this == REFUSED || this == UNDECIDED_AT_STOP || this == CUT_SHORT_BY_STOP
               || this == HELD_UNTIL_POP_LAPSES;
    }
}

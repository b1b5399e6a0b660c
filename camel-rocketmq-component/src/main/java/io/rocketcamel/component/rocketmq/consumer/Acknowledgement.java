package io.rocketcamel.component.rocketmq.consumer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.rocketcamel.component.rocketmq.RocketMQAcknowledgement;

/**
 * The decision a manualAck route takes about its exchange's messages. The consume thread waits for it (see
 * {@link RouteRunner}); the first decision counts, and once the wait is over (timed out, or the consumer stopping) a
 * late decision fails, so the route learns that the message is being redelivered. A wait the stop ended is told apart
 * from one that timed out: the route did not fail the message, so it goes back to the group without an attempt counted.
 */
final class Acknowledgement implements RocketMQAcknowledgement {

    /** What the route decided; {@code acknowledged=false} with a {@code null} delay: after the endpoint's delay. */
    record Decision(boolean acknowledged, Duration delay) {
        static final Decision ACK = new Decision(true, null);
        static final Decision RETRY = new Decision(false, null);
    }

    /** The longest delay {@code retryLater(Duration)} may ask for with a listener, and what sets it. */
    record DelayLimit(Duration max, String why) {
    }

    /** Completes the future when no decision came in time, so that a later decision is refused. */
    private static final Decision TOO_LATE = new Decision(false, null);
    /** Completes the future when the consumer stopped before a decision came; a later decision is refused too. */
    private static final Decision STOPPED = new Decision(false, null);

    private final CompletableFuture<Decision> decision = new CompletableFuture<>();
    private final DelayLimit delayLimit;

    /**
     * @param delayLimit the longest delay {@code retryLater(Duration)} may ask for with this listener
     */
    Acknowledgement(DelayLimit delayLimit) {
        this.delayLimit = delayLimit;
    }

    @Override
    public void ack() {
        decide(Decision.ACK);
    }

    @Override
    public void retryLater() {
        decide(Decision.RETRY);
    }

    @Override
    public void retryLater(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("retryLater needs a delay of zero or more, got " + delay);
        }
        if (delay.compareTo(delayLimit.max()) > 0) {
            throw new IllegalArgumentException("retryLater(" + delay + ") is longer than this consumer can wait: "
                                               + delayLimit.why());
        }
        decide(new Decision(false, delay));
    }

    private void decide(Decision taken) {
        if (!decision.complete(taken)) {
            Decision earlier = decision.getNow(null);
            if (earlier == TOO_LATE) {
                throw new IllegalStateException("The message is already being redelivered: no decision came within"
                                                + " manualAckTimeout");
            }
            if (earlier == STOPPED) {
                throw new IllegalStateException("The message is already being redelivered: the consumer stopped before"
                                                + " this decision");
            }
            throw new IllegalStateException(
                    "The message was already " + (earlier.acknowledged() ? "acknowledged" : "sent back for redelivery"));
        }
    }

    /**
     * @return the decision, or {@code null} when none came within the time (a later one is then refused)
     */
    Decision await(long millis) throws InterruptedException {
        try {
            decision.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            giveUp();
        } catch (InterruptedException e) {
            giveUp();
            throw e;
        }
        Decision taken = decision.join();
        return taken == TOO_LATE || taken == STOPPED ? null : taken;
    }

    /** Ends the wait without a decision, unless one was just taken: a later one is refused. */
    void giveUp() {
        decision.complete(TOO_LATE);
    }

    /** Ends the wait without a decision because the consumer stops, unless one was just taken or the wait is over. */
    void stop() {
        decision.complete(STOPPED);
    }

    /** Whether the consumer's stop, not the timeout, ended the wait without a decision. */
    boolean stopped() {
        return decision.getNow(null) == STOPPED;
    }
}

package io.rocketcamel.component.rocketmq.saga;

import java.util.Map;
import java.util.Objects;

import io.rocketcamel.component.rocketmq.saga.SagaEvent.Action;

/**
 * A step this participant joined to a saga, with what the log (and this instance, ahead of the log) knows of its
 * callback. Changed only by the thread that consumes the saga's queue.
 */
final class JoinedStep {

    private final String id;
    private final String compensation;
    private final String completion;
    private final Map<String, String> options;
    private final String origin;
    private final boolean late;

    private boolean succeeded;
    /** False between a callback's success and the write of its SUCCEEDED event. */
    private boolean recorded = true;
    private int failures;
    /** The failed attempt whose RETRY event has not arrived yet (0: none): the next attempt waits for it. */
    private int awaitedRetry;
    /** The last attempt whose RETRY event arrived: a FAILED event read after it awaits nothing. */
    private int retried;
    private boolean deadLettered;

    JoinedStep(String id, String compensation, String completion, Map<String, String> options, String origin,
               boolean late) {
        this.id = id;
        this.compensation = compensation;
        this.completion = completion;
        this.options = options;
        this.origin = origin;
        this.late = late;
    }

    String id() {
        return id;
    }

    /** The endpoint of the callback, or null when the step has none for it. */
    String endpoint(Action action) {
        return action == Action.COMPLETION ? completion : compensation;
    }

    Map<String, String> options() {
        return options;
    }

    /** Joined after the saga was decided: compensated, whatever the decision. */
    boolean isLate() {
        return late;
    }

    /**
     * Whether a join of the event's message with the event's endpoints is this step run again: the message was
     * delivered again (a crash before its offset was committed, a failure after the join, a rebalance).
     */
    boolean isRepeatedBy(SagaEvent joined) {
        return origin != null && origin.equals(joined.origin()) && Objects.equals(compensation, joined.compensation())
               && Objects.equals(completion, joined.completion());
    }

    /** Nothing (more) to run for the action: no callback, or it succeeded. */
    boolean isResolved(Action action) {
        return endpoint(action) == null || succeeded;
    }

    boolean isRunnable(Action action) {
        return !isResolved(action) && !deadLettered && awaitedRetry == 0;
    }

    boolean isDeadLettered() {
        return deadLettered;
    }

    boolean isAwaitingRetry() {
        return awaitedRetry > 0;
    }

    boolean isRecorded() {
        return recorded;
    }

    int failures() {
        return failures;
    }

    /** The callback succeeded; {@code inLog} when that is its SUCCEEDED event, false until the event is written. */
    void succeeded(boolean inLog) {
        succeeded = true;
        recorded = inLog;
    }

    /** The SUCCEEDED event of a callback that succeeded here was written. */
    void recorded() {
        recorded = true;
    }

    /** Attempt {@code attempt} failed; with {@code retryAwaited} its RETRY event is on its way, unless it came. */
    void failed(int attempt, boolean retryAwaited) {
        failures = Math.max(failures, attempt);
        if (retryAwaited && attempt > retried) {
            awaitedRetry = attempt;
        }
    }

    /** The RETRY event of attempt {@code attempt} arrived: the next attempt is due if it was awaited. */
    void retryDue(int attempt) {
        failures = Math.max(failures, attempt);
        retried = Math.max(retried, attempt);
        if (awaitedRetry == attempt) {
            awaitedRetry = 0;
        }
    }

    void deadLettered(int attempt) {
        failures = Math.max(failures, attempt);
        deadLettered = true;
        awaitedRetry = 0;
    }

    /** A re-drive: a dead-lettered callback starts over with a full set of attempts. */
    void redrive() {
        if (deadLettered) {
            deadLettered = false;
            failures = 0;
            awaitedRetry = 0;
            retried = 0;
        }
    }
}

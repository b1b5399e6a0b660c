package io.rocketcamel.component.rocketmq.saga;

import io.rocketcamel.component.rocketmq.saga.SagaEvent.Action;
import io.rocketcamel.component.rocketmq.saga.SagaEvent.Type;
import io.rocketcamel.component.rocketmq.saga.StepCallbacks.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the due callbacks of a saga, one after the other, and writes each outcome to the log before the next starts:
 * SUCCEEDED after a success; after a failure RETRY, a timer message that comes back when the next attempt is due, then
 * FAILED, which says at once that the RETRY is awaited; after the last attempt a copy to the dead-letter topic, then
 * DEAD_LETTERED. It runs on the thread consuming the saga's
 * queue, which the broker's ORDERLY lock gives to one instance of the participant at a time.
 */
final class CallbackDriver {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDriver.class);

    private final String participant;
    private final SagaLog log;
    private final StepCallbacks callbacks;
    private final RetryPolicy retries;

    CallbackDriver(String participant, SagaLog log, StepCallbacks callbacks, RetryPolicy retries) {
        this.participant = participant;
        this.log = log;
        this.callbacks = callbacks;
        this.retries = retries;
    }

    /**
     * @throws IllegalStateException when an outcome cannot be written; the consumer retries the queue, and a callback
     *                               that succeeded is then only recorded, not run again
     */
    void drive(SagaFold fold, SagaState saga) {
        recordSuccesses(saga);
        for (JoinedStep step = fold.nextCallback(saga); step != null; step = fold.nextCallback(saga)) {
            Action action = saga.actionOf(step);
            int attempt = step.failures() + 1;
            Failure failure = callbacks.run(saga.id(), step, action, attempt);
            if (failure == null) {
                step.succeeded(false);
                record(saga, step, action);
            } else if (failure.permanent() || retries.isLast(attempt)) {
                deadLetter(saga, step, action, attempt, failure.reason());
            } else {
                long delay = retries.delayAfter(attempt);
                LOG.warn("The {} of step {} of saga {} failed (attempt {} of {}), retried in {} ms: {}",
                        action.name().toLowerCase(), step.id(), saga.id(), attempt, retries.maxAttempts(), delay,
                        failure.reason());
                log.appendAfter(SagaEvent.failed(Type.RETRY, saga.id(), participant, step.id(), action, attempt,
                        failure.reason()), delay);
                step.failed(attempt, true);
                // the RETRY first: a FAILED without one would hold the step for good after a crash between the two
                log.append(SagaEvent.failed(Type.FAILED, saga.id(), participant, step.id(), action, attempt,
                        failure.reason()));
            }
        }
        fold.settle(saga);
    }

    /** Successes whose SUCCEEDED event could not be written before: written now, not run again. */
    private void recordSuccesses(SagaState saga) {
        for (JoinedStep step : saga.stepsLastFirst()) {
            if (!step.isRecorded()) {
                record(saga, step, saga.actionOf(step));
            }
        }
    }

    private void record(SagaState saga, JoinedStep step, Action action) {
        log.append(SagaEvent.succeeded(saga.id(), participant, step.id(), action));
        step.recorded();
    }

    private void deadLetter(SagaState saga, JoinedStep step, Action action, int attempt, String reason) {
        LOG.error("The {} of step {} of saga {} failed for good after {} attempt(s) and goes to the dead-letter topic;"
                  + " re-drive it with RocketMQSagaService.redrive(\"{}\"): {}",
                action.name().toLowerCase(), step.id(), saga.id(), attempt, saga.id(), reason);
        SagaEvent deadLettered = SagaEvent.failed(Type.DEAD_LETTERED, saga.id(), participant, step.id(), action, attempt,
                reason);
        // the copy first: a crash between the two writes repeats the attempt and the copy, never loses the copy
        log.deadLetter(new SagaEvent(Type.DEAD_LETTERED, saga.id(), participant, step.id(),
                step.endpoint(Action.COMPENSATION), step.endpoint(Action.COMPLETION), step.options(), null, action,
                attempt, reason, deadLettered.at()));
        log.append(deadLettered);
        step.deadLettered(attempt);
    }
}

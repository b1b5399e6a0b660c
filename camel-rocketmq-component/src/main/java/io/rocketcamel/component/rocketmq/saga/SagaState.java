package io.rocketcamel.component.rocketmq.saga;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.rocketcamel.component.rocketmq.saga.SagaEvent.Action;

/**
 * A saga as one participant knows it from the log: the first decision (in log order) and this participant's steps,
 * in the order they joined.
 */
final class SagaState {

    /** A saga's status as Camel's in-memory coordinator names it. */
    enum Status {
        RUNNING,
        COMPLETING,
        COMPENSATING
    }

    private final String id;
    private final long firstOffset;
    private final Map<String, JoinedStep> steps = new LinkedHashMap<>();
    private Status status = Status.RUNNING;
    private String reason;
    /** When (the log's clock) this participant had nothing more to do for the saga; -1 while it has. */
    private long settledAt = -1;

    SagaState(String id, long firstOffset) {
        this.id = id;
        this.firstOffset = firstOffset;
    }

    String id() {
        return id;
    }

    /** The queue offset of the first event this participant keeps of the saga: its replay starts there. */
    long firstOffset() {
        return firstOffset;
    }

    Status status() {
        return status;
    }

    String reason() {
        return reason;
    }

    boolean isDecided() {
        return status != Status.RUNNING;
    }

    /** @return whether this was the decision; later ones are ignored, as the log's order decides */
    boolean decide(Status decision, String why) {
        if (isDecided()) {
            return false;
        }
        status = decision;
        reason = why;
        return true;
    }

    /** @return false for a step already joined (the same event read twice) */
    boolean join(JoinedStep step) {
        return steps.putIfAbsent(step.id(), step) == null;
    }

    /** A step of this saga that joined before its decision and that the event runs again, if any. */
    Optional<JoinedStep> stepInTimeRepeatedBy(SagaEvent joined) {
        return steps.values().stream().filter(step -> !step.isLate() && step.isRepeatedBy(joined)).findFirst();
    }

    JoinedStep step(String stepId) {
        return stepId == null ? null : steps.get(stepId);
    }

    /** This participant's steps, the last joined first: the order their callbacks run in. */
    List<JoinedStep> stepsLastFirst() {
        List<JoinedStep> reversed = new ArrayList<>(steps.values());
        Collections.reverse(reversed);
        return reversed;
    }

    /** Which callback a step gets: compensation when the saga compensates or the step joined after the decision. */
    Action actionOf(JoinedStep step) {
        return status == Status.COMPENSATING || step.isLate() ? Action.COMPENSATION : Action.COMPLETION;
    }

    /** Decided, and every callback of this participant succeeded (or it has none); a dead-lettered one is open. */
    boolean isSettled() {
        return isDecided() && steps.values().stream().allMatch(step -> step.isResolved(actionOf(step)) && step.isRecorded());
    }

    long settledAt() {
        return settledAt;
    }

    void settledAt(long at) {
        settledAt = at;
    }
}

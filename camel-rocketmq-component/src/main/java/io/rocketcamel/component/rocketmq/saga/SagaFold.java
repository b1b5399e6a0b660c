package io.rocketcamel.component.rocketmq.saga;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.rocketcamel.component.rocketmq.saga.SagaState.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue of the saga log as one participant folds it, event by event in queue order: the sagas it has steps in
 * (with their steps' callbacks), and the decisions of other sagas for a while, so that a step joining a saga after its
 * decision is recognised as late. The same events in the same order always give the same state: a restarted instance
 * replays the queue from {@link #replayStart()} and knows what its predecessor knew.
 * <p>
 * A saga is forgotten {@code retentionMillis} after it settled for this participant (decided, and each of its
 * callbacks here succeeded), measured on the log's own clock (the store time of the events), so that a replay forgets
 * exactly what the live fold forgot.
 */
final class SagaFold {

    private static final Logger LOG = LoggerFactory.getLogger(SagaFold.class);

    private final String participant;
    private final long retentionMillis;
    private final SagaDecisions decisions;
    /** In the order of their first kept event, so the first one starts the replay. */
    private final Map<String, SagaState> sagas = new LinkedHashMap<>();
    private final Deque<Settled> settledOrder = new ArrayDeque<>();
    private long clock;

    SagaFold(String participant, long retentionMillis, SagaDecisions decisions) {
        this.participant = participant;
        this.retentionMillis = retentionMillis;
        this.decisions = decisions;
    }

    /**
     * @return the saga the event concerns, when this participant keeps it
     */
    SagaState apply(SagaEvent event, long offset, long storeTimestamp) {
        clock = Math.max(clock, storeTimestamp);
        SagaState saga = sagas.get(event.sagaId());
        switch (event.type()) {
            case CREATED -> {
                // a saga matters here once a step of this participant joins it, or once it is decided
            }
            case JOINED -> {
                if (participant.equals(event.participant())) {
                    saga = keep(saga, event.sagaId(), offset);
                    join(saga, event);
                }
            }
            case COMPLETE -> saga = decide(keep(saga, event.sagaId(), offset), Status.COMPLETING, event);
            case COMPENSATE, TIMEOUT -> saga = decide(keep(saga, event.sagaId(), offset), Status.COMPENSATING, event);
            case SUCCEEDED -> step(saga, event).ifPresent(step -> step.succeeded(true));
            case RETRY -> step(saga, event).ifPresent(step -> step.retryDue(event.attempt()));
            case FAILED -> step(saga, event).ifPresent(step -> step.failed(event.attempt(), true));
            case DEAD_LETTERED -> step(saga, event).ifPresent(step -> step.deadLettered(event.attempt()));
            case REDRIVE -> {
                if (saga != null) {
                    saga.stepsLastFirst().forEach(JoinedStep::redrive);
                }
            }
        }
        if (saga != null) {
            settle(saga);
        }
        forgetExpired();
        return saga;
    }

    /**
     * The callback to run next for the saga: its callbacks run one at a time, the last joined step first; a callback
     * waiting for its retry holds up those of steps that joined before it. Null when there is none to run now.
     */
    JoinedStep nextCallback(SagaState saga) {
        if (!saga.isDecided()) {
            return null;
        }
        for (JoinedStep step : saga.stepsLastFirst()) {
            if (step.isResolved(saga.actionOf(step)) || step.isDeadLettered()) {
                continue;
            }
            return step.isAwaitingRetry() ? null : step;
        }
        return null;
    }

    /** Re-evaluates whether this participant is done with the saga, after callbacks ran. */
    void settle(SagaState saga) {
        if (!saga.isSettled()) {
            saga.settledAt(-1);
        } else if (saga.settledAt() < 0) {
            saga.settledAt(clock);
            settledOrder.addLast(new Settled(saga, clock));
        }
    }

    /** The sagas kept, oldest first. */
    List<SagaState> sagas() {
        return new ArrayList<>(sagas.values());
    }

    /**
     * Where a replay of this queue must start to rebuild this state: the first kept event of the oldest saga kept, or
     * {@link Long#MAX_VALUE} when none is.
     */
    long replayStart() {
        return sagas.isEmpty() ? Long.MAX_VALUE : sagas.values().iterator().next().firstOffset();
    }

    /** This state is dropped (its queue went to another instance): its decisions are no longer known here. */
    void discard() {
        sagas.keySet().forEach(decisions::forget);
        sagas.clear();
        settledOrder.clear();
    }

    private SagaState keep(SagaState known, String sagaId, long offset) {
        if (known != null) {
            return known;
        }
        SagaState saga = new SagaState(sagaId, offset);
        sagas.put(sagaId, saga);
        return saga;
    }

    /**
     * A step joining after the decision is late, unless it runs again a step that joined in time (its message was
     * delivered again): that run gets the saga's decision too, as the first did, rather than a compensation that would
     * undo the first run's work in a completed saga.
     */
    private void join(SagaState saga, SagaEvent event) {
        Optional<JoinedStep> repeated = saga.isDecided() ? saga.stepInTimeRepeatedBy(event) : Optional.empty();
        JoinedStep step = new JoinedStep(event.stepId(), event.compensation(), event.completion(), event.options(),
                event.origin(), saga.isDecided() && repeated.isEmpty());
        if (!saga.join(step)) {
            return;
        }
        if (repeated.isPresent()) {
            LOG.info("Step {} joined saga {} after it was decided ({}): its message {} was delivered again after"
                     + " joining in time as step {}, so it gets the saga's {} like that step", step.id(), saga.id(),
                    saga.status(), event.origin(), repeated.get().id(),
                    saga.actionOf(step).name().toLowerCase(Locale.ROOT));
        } else if (step.isLate()) {
            LOG.warn("Step {} joined saga {} after it was decided ({}, {}): it is compensated. Steps of other services"
                     + " that join after the initiator finishes need completionMode MANUAL and saga:complete",
                    step.id(), saga.id(), saga.status(), saga.reason());
        }
    }

    private SagaState decide(SagaState saga, Status decision, SagaEvent event) {
        String reason = event.reason() == null ? event.type().name() : event.type() + ": " + event.reason();
        if (saga.decide(decision, reason + " (by " + event.participant() + ")")) {
            decisions.decided(saga.id(), decision);
        }
        return saga;
    }

    private static Optional<JoinedStep> step(SagaState saga, SagaEvent event) {
        return Optional.ofNullable(saga == null ? null : saga.step(event.stepId()));
    }

    private void forgetExpired() {
        while (!settledOrder.isEmpty()) {
            Settled head = settledOrder.peekFirst();
            boolean current = head.saga().settledAt() == head.at() && sagas.get(head.saga().id()) == head.saga();
            if (current && clock - head.at() < retentionMillis) {
                return;
            }
            settledOrder.removeFirst();
            if (current) {
                sagas.remove(head.saga().id());
                decisions.forget(head.saga().id());
            }
        }
    }

    private record Settled(SagaState saga, long at) {
    }
}

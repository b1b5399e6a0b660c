package io.rocketcamel.component.rocketmq.transaction;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.apache.rocketmq.client.producer.LocalTransactionState;

/**
 * The broker's check-backs a producer group answered, counted by answer since the group's client started: operations
 * watch UNKNOWN grow when a checker cannot decide (the broker drops the half message after its last check).
 */
public final class CheckBacks {

    private final Map<TransactionState, LongAdder> answers = new EnumMap<>(TransactionState.class);
    private final LongAdder storedAlready = new LongAdder();

    /** Nothing answered yet. */
    public CheckBacks() {
        for (TransactionState state : TransactionState.values()) {
            answers.put(state, new LongAdder());
        }
    }

    LocalTransactionState record(LocalTransactionState answer) {
        answers.get(switch (answer) {
            case COMMIT_MESSAGE -> TransactionState.COMMIT;
            case ROLLBACK_MESSAGE -> TransactionState.ROLLBACK;
            case UNKNOW -> TransactionState.UNKNOWN;
        }).increment();
        return answer;
    }

    /** A check-back about a transaction whose message the topic holds: ROLLBACK discards the broker's copy only. */
    LocalTransactionState recordStoredAlready() {
        storedAlready.increment();
        return LocalTransactionState.ROLLBACK_MESSAGE;
    }

    /**
     * Check-backs about a transaction committed before (by its sender or an earlier check-back) whose outcome the
     * broker had not taken when it checked again: answered ROLLBACK for the broker's new copy of the half message,
     * without asking the checker, and not counted as ROLLBACK.
     */
    public long answeredStoredAlready() {
        return storedAlready.sum();
    }

    /** Check-backs answered with {@code state} so far. */
    public long answered(TransactionState state) {
        return answers.get(state).sum();
    }

    /**
     * The counts as consoles show them: each {@link TransactionState}'s by its name, then STORED_ALREADY
     * ({@link #answeredStoredAlready()}).
     */
    public Map<String, Long> byAnswer() {
        Map<String, Long> counts = new LinkedHashMap<>();
        answers.forEach((state, count) -> counts.put(state.name(), count.sum()));
        counts.put("STORED_ALREADY", storedAlready.sum());
        return counts;
    }

    /** Check-backs answered so far, whatever the answer. */
    public long total() {
        return answers.values().stream().mapToLong(LongAdder::sum).sum() + storedAlready.sum();
    }
}

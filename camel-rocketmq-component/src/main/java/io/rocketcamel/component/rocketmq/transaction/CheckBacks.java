package io.rocketcamel.component.rocketmq.transaction;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.apache.rocketmq.client.producer.LocalTransactionState;

/**
 * The broker's check-backs a producer group answered, counted by answer since the group's client started: operations
 * watch UNKNOWN grow when a checker cannot decide (the broker drops the half message after its last check).
 */
public final class CheckBacks {

    private final Map<TransactionState, LongAdder> answers = new EnumMap<>(TransactionState.class);

    CheckBacks() {
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

    /** Check-backs answered with {@code state} so far. */
    public long answered(TransactionState state) {
        return answers.get(state).sum();
    }
}

package io.rocketcamel.component.rocketmq.transaction;

import java.util.Locale;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.Message;
import org.apache.rocketmq.client.producer.LocalTransactionState;

/**
 * The outcome of a local transaction, or a checker's answer about one.
 */
public enum TransactionState {

    /** The half message becomes visible to consumers. */
    COMMIT(LocalTransactionState.COMMIT_MESSAGE),
    /** The half message is dropped; no consumer ever sees it. */
    ROLLBACK(LocalTransactionState.ROLLBACK_MESSAGE),
    /** Not decided yet: the broker asks the producer group's checker again later. */
    UNKNOWN(LocalTransactionState.UNKNOW);

    private final LocalTransactionState clientState;

    TransactionState(LocalTransactionState clientState) {
        this.clientState = clientState;
    }

    LocalTransactionState clientState() {
        return clientState;
    }

    /**
     * The state in the {@code CamelRocketMQTransactionState} header, else in the body, of an answer.
     *
     * @param source names who answered, for the error about a value that is no state
     */
    static TransactionState answeredBy(Message answer, String source) {
        Object value = answer.getHeader(RocketMQConstants.TRANSACTION_STATE);
        return parse(value != null ? value : answer.getBody(String.class), source);
    }

    /**
     * @return the state in the {@code CamelRocketMQTransactionState} header, or {@code fallback} when it is not set
     */
    static TransactionState headerOr(Message message, TransactionState fallback, String source) {
        Object value = message.getHeader(RocketMQConstants.TRANSACTION_STATE);
        return value == null ? fallback : parse(value, source);
    }

    private static TransactionState parse(Object value, String source) {
        if (value instanceof TransactionState state) {
            return state;
        }
        String text = value == null ? "" : value.toString().trim().toUpperCase(Locale.ROOT);
        for (TransactionState state : values()) {
            if (state.name().equals(text)) {
                return state;
            }
        }
        throw new IllegalArgumentException(source + " answered '" + value + "', which is no transaction state: expected"
                                           + " COMMIT, ROLLBACK or UNKNOWN (in the body or the "
                                           + RocketMQConstants.TRANSACTION_STATE + " header)");
    }
}

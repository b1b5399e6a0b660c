package io.rocketcamel.component.rocketmq.saga;

/**
 * A step joining, or a completion requested for, a saga this service already read the decision of: the step's work
 * must not start. Every other failure of a saga call (a write the broker did not take, a send timeout) is a plain
 * {@link IllegalStateException}, transient: failing the exchange lets a consumer's message be redelivered.
 */
public class SagaDecidedException extends IllegalStateException {

    public SagaDecidedException(String message) {
        super(message);
    }
}

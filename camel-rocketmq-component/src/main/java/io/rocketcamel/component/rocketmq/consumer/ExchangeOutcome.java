package io.rocketcamel.component.rocketmq.consumer;

/**
 * How the route ended for consumed messages.
 *
 * @param failure why it failed (an exception, or rollback-only); {@code null} when the messages may be acknowledged
 */
record ExchangeOutcome(Throwable failure) {

    static final ExchangeOutcome SUCCEEDED = new ExchangeOutcome(null);

    boolean succeeded() {
        return failure == null;
    }
}

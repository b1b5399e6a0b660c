package io.rocketcamel.examples.demo;

/**
 * A failure the demo brings about on purpose (an injected local-transaction failure): the routes log it as one line
 * with the order and the reason, and keep stack traces for failures nobody expected.
 */
public class ExpectedFailure extends RuntimeException {

    public ExpectedFailure(String message) {
        super(message, null, false, false);
    }
}

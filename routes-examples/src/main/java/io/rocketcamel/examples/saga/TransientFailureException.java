package io.rocketcamel.examples.saga;

/** A failure that passes: the saga service retries the callback that met it. */
public class TransientFailureException extends RuntimeException {

    public TransientFailureException(String message) {
        super(message);
    }
}

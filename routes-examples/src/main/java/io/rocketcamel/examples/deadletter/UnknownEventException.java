package io.rocketcamel.examples.deadletter;

/**
 * A well-formed event this route has no handling for (a type it does not know, a field it cannot keep); it goes to
 * the dead letters, not back to the broker, where every redelivery would fail the same way.
 */
public class UnknownEventException extends RuntimeException {

    public UnknownEventException(String message) {
        super(message);
    }
}

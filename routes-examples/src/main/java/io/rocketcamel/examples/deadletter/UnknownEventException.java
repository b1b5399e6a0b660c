package io.rocketcamel.examples.deadletter;

/** A well-formed event this route has no handling for; it goes to the dead letters, not back to the broker. */
public class UnknownEventException extends RuntimeException {

    public UnknownEventException(String message) {
        super(message);
    }
}

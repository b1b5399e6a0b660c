package io.rocketcamel.examples.saga;

/** A saga step that cannot do its part: the saga is compensated, {@link #getMessage()} is the order's reason. */
public class StepFailedException extends Exception {

    public StepFailedException(String reason) {
        super(reason, null, false, false);
    }
}

package io.rocketcamel.component.rocketmq.internal;

/**
 * The RocketMQ client wraps the reason of a failure (a refused connection, a timeout) in layers of "unknown reason":
 * errors the component reports name the innermost one.
 */
public final class Causes {

    private Causes() {
    }

    /** The failure's message, followed by its innermost cause when that is another throwable. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + " (cause: " + root + ")";
    }
}

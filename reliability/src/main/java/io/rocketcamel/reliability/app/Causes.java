package io.rocketcamel.reliability.app;

/**
 * An exception on one line: its own message and its root cause's, the part that says what went wrong when a
 * wrapper such as "The batch ... was not sent" hides it.
 */
public final class Causes {

    private static final int PART = 200;

    private Causes() {
    }

    public static String of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = describe(failure);
        return root == failure ? top : top + " <- root cause " + describe(root);
    }

    private static String describe(Throwable t) {
        String text = t.getClass().getSimpleName() + ": " + t.getMessage();
        text = text.replaceAll("\\s+", " ");
        return text.length() > PART ? text.substring(0, PART) + "..." : text;
    }
}

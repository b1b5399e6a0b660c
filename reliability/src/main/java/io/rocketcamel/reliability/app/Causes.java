package io.rocketcamel.reliability.app;

/** An exception and its causes on one line: the interesting part of a failed send is often its cause. */
public final class Causes {

    private static final int MAX = 400;

    private Causes() {
    }

    public static String of(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < MAX; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.length() > MAX ? text.substring(0, MAX) : text.toString();
    }
}

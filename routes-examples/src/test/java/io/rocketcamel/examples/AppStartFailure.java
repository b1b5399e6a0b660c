package io.rocketcamel.examples;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Starts the examples app before a test class and, when it does not start, fails the class with the causes of the
 * run's first failed start in the message. Spring names the cause only for the first class (the others fail with
 * "ApplicationContext failure threshold exceeded"), and a CI log that keeps only the summary of failed tests, where
 * every line shows just the top exception's message, showed no cause at all.
 */
final class AppStartFailure implements BeforeAllCallback {

    private static final int MAX_MESSAGE = 300;
    private static volatile String firstFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            SpringExtension.getApplicationContext(context);
        } catch (RuntimeException e) {
            if (firstFailure == null) {
                firstFailure = causes(e);
            }
            throw new IllegalStateException("The examples app did not start; its first start in this run failed with: "
                    + firstFailure, e);
        }
    }

    /**
     * Each cause's type and message, leaving out Spring's "Failed to load" wrapper: the outermost (which bean) and the
     * three innermost (why), the ones between left out of a long chain.
     */
    private static String causes(Throwable failure) {
        List<String> causes = new ArrayList<>();
        for (Throwable t = failure; t != null && causes.size() < 50; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (!message.startsWith("Failed to load ApplicationContext")) {
                causes.add(t.getClass().getSimpleName() + ": "
                        + (message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message));
            }
        }
        if (causes.size() > 4) {
            List<String> kept = new ArrayList<>(List.of(causes.get(0), "..."));
            kept.addAll(causes.subList(causes.size() - 3, causes.size()));
            causes = kept;
        }
        return String.join(" <- ", causes);
    }
}

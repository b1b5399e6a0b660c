package io.rocketcamel.examples.tasks;

/**
 * A scheduled unit of work. {@code dueAt} is when it should run (epoch ms); {@code retryCount} how often it has
 * failed and been rescheduled; {@code failAttempts} makes the demo's executor fail that many attempts.
 */
public record Task(String id, String payload, long dueAt, int retryCount, int failAttempts) {

    Task retried(long newDueAt) {
        return new Task(id, payload, newDueAt, retryCount + 1, failAttempts);
    }
}

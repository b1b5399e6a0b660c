package io.rocketcamel.examples.tasks;

/** A task attempt that failed; carries the task so the retry policy can reschedule it. */
public class TaskFailedException extends RuntimeException {

    private final transient Task task;
    private final long failedAt;

    public TaskFailedException(Task task, long failedAt, String message) {
        super(message);
        this.task = task;
        this.failedAt = failedAt;
    }

    public Task task() {
        return task;
    }

    public long failedAt() {
        return failedAt;
    }
}

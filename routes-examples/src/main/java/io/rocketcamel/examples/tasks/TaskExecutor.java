package io.rocketcamel.examples.tasks;

import org.springframework.stereotype.Component;

/** Runs a task; the demo's tasks fail their first {@code failAttempts} attempts. */
@Component
public class TaskExecutor {

    public TaskOutcome execute(Task task) {
        long now = System.currentTimeMillis();
        if (task.retryCount() < task.failAttempts()) {
            throw new TaskFailedException(task, now, "attempt " + (task.retryCount() + 1) + " of " + task.id() + " failed");
        }
        return new TaskOutcome(task.id(), true, task.retryCount(), task.dueAt(), now, "done: " + task.payload());
    }
}

package io.rocketcamel.examples.tasks;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.stereotype.Component;

/** What the task-results and task-failures consumers saw. */
@Component
public class TaskLedger {

    private final Queue<TaskOutcome> results = new ConcurrentLinkedQueue<>();
    private final Queue<TaskOutcome> failures = new ConcurrentLinkedQueue<>();

    public void result(TaskOutcome outcome) {
        results.add(outcome);
    }

    public void failure(TaskOutcome outcome) {
        failures.add(outcome);
    }

    public List<TaskOutcome> results() {
        return List.copyOf(results);
    }

    public List<TaskOutcome> failures() {
        return List.copyOf(failures);
    }
}

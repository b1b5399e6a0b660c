package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.tasks.DelayedTasksDemo;
import io.rocketcamel.examples.tasks.TaskLedger;
import io.rocketcamel.examples.tasks.TaskOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DelayedTasksIT extends ExamplesITSupport {

    @Autowired
    DelayedTasksDemo demo;
    @Autowired
    TaskLedger ledger;

    @Test
    void tasksRunWhenDueRetryExactlyAndFailuresAreRouted() {
        assertPassed(demo.run(new DemoConsole("delayed-tasks"), 20));
        assertThat(ledger.results()).allSatisfy(outcome -> assertThat(outcome.latenessMillis()).isBetween(0L, 1000L));
        assertThat(ledger.failures()).extracting(TaskOutcome::retryCount).containsOnly(3);
    }
}

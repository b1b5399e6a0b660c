package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.tasks.DelayedTasksDemo;
import io.rocketcamel.examples.tasks.TaskLedger;
import io.rocketcamel.examples.tasks.Task;
import io.rocketcamel.examples.tasks.TaskOutcome;
import io.rocketcamel.examples.tasks.TaskRoutes;
import java.util.List;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DelayedTasksIT extends ExamplesITSupport {

    @Autowired
    DelayedTasksDemo demo;
    @Autowired
    TaskLedger ledger;
    @Autowired
    ProducerTemplate producer;

    @Test
    void tasksRunWhenDueRetryExactlyAndFailuresAreRouted() {
        assertPassed(demo.run(new DemoConsole("delayed-tasks"), 20));
        assertThat(ledger.results()).allSatisfy(outcome -> assertThat(outcome.latenessMillis()).isBetween(0L, 1000L));
        assertThat(ledger.failures()).extracting(TaskOutcome::retryCount).containsOnly(3);
    }

    @Test
    void aBatchWithSomethingElseThanTasksOrWithoutATimeIsRefusedNamingWhy() {
        Task task = new Task("refused-" + UUID.randomUUID(), "payload", System.currentTimeMillis() + 60_000, 0, 0);
        long later = System.currentTimeMillis() + 60_000;

        assertThatThrownBy(() -> producer.sendBodyAndHeader(TaskRoutes.SCHEDULE, List.of(task, "not a task"),
                RocketMQConstants.DELIVER_TIME, later))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 1").hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> producer.sendBody(TaskRoutes.SCHEDULE, List.of(task)))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RocketMQConstants.OVERRIDE_DELAY_LEVEL).hasMessageContaining(RocketMQConstants.DELIVER_TIME);
        assertThat(ledger.results()).noneMatch(outcome -> outcome.taskId().equals(task.id()));
    }
}

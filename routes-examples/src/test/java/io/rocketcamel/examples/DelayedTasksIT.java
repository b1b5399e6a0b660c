package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.tasks.DelayedTasksDemo;
import io.rocketcamel.examples.tasks.TaskLedger;
import io.rocketcamel.examples.tasks.Task;
import io.rocketcamel.examples.tasks.TaskOutcome;
import io.rocketcamel.examples.tasks.TaskRoutes;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.rocketmq.common.message.MessageConst;
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
        int resultsBefore = ledger.results().size();
        int failuresBefore = ledger.failures().size();
        assertPassed(demo.run(new DemoConsole("delayed-tasks"), 20));
        // the ledger keeps every case's tasks: this run's came after theirs
        assertThat(since(ledger.results(), resultsBefore)).isNotEmpty()
                .allSatisfy(outcome -> assertThat(outcome.latenessMillis()).isBetween(0L, 1000L));
        assertThat(since(ledger.failures(), failuresBefore)).extracting(TaskOutcome::retryCount).containsOnly(3);
    }

    private static List<TaskOutcome> since(List<TaskOutcome> outcomes, int before) {
        return outcomes.subList(before, outcomes.size());
    }

    /**
     * The broker refuses the second task of a timer batch: the first was stored and would run, and run again once the
     * caller scheduled the batch anew. The scheduler recalls it before the failure reaches the caller.
     */
    @Test
    void aTimerBatchThatFailsPartWayLeavesNoTaskBehind(@Autowired EmbeddedRocketMQBroker broker) {
        long due = System.currentTimeMillis() + 3_000;
        List<Task> batch = IntStream.range(0, 3)
                .mapToObj(i -> new Task("partial-" + i + "-" + UUID.randomUUID(), "payload", due, 0, 0)).toList();
        // the batch's second message, and the sender's retries of it (same client id)
        Set<String> ofThisBatch = ConcurrentHashMap.newKeySet();
        AtomicReference<String> second = new AtomicReference<>();
        try (BrokerRefusals.Refusal refusal = BrokerRefusals.on(broker).refuse(10, send -> {
            if (!String.valueOf(due).equals(send.property(MessageConst.PROPERTY_TIMER_DELIVER_MS))) {
                return false;
            }
            String id = send.property(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
            ofThisBatch.add(id);
            if (ofThisBatch.size() == 2) {
                second.compareAndSet(null, id);
            }
            return id.equals(second.get());
        })) {
            assertThatThrownBy(() -> producer.sendBodyAndHeader(TaskRoutes.SCHEDULE, batch, RocketMQConstants.DELIVER_TIME, due))
                    .isInstanceOf(CamelExecutionException.class);
            assertThat(refusal.refused()).as("sends of the second task refused").isPositive();
        }

        // the recalled task, due with a later task of the same time, would have run by then
        assertNoneRanBy(due, batch);
    }

    /** A task scheduled now for that time runs, and none of these ran before it: each would have run by then. */
    private void assertNoneRanBy(long due, List<Task> refused) {
        Task marker = new Task("marker-" + UUID.randomUUID(), "payload", due, 0, 0);
        producer.sendBodyAndHeader(TaskRoutes.SCHEDULE, List.of(marker), RocketMQConstants.DELIVER_TIME, due);
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.results().stream()
                .anyMatch(outcome -> outcome.taskId().equals(marker.id())));
        assertThat(ledger.results()).extracting(TaskOutcome::taskId)
                .noneMatch(id -> refused.stream().anyMatch(task -> task.id().equals(id)));
    }

    /**
     * A time header that says "no delay" (delay level 0, or a deliver time of null) is no time either: the batch ran at
     * once, as one without the header would, instead of being refused.
     */
    @Test
    void aBatchWhoseTimeHeaderMeansNoDelayIsRefusedNamingWhy() {
        Task levelZero = new Task("level-0-" + UUID.randomUUID(), "payload", System.currentTimeMillis(), 0, 0);
        Task noTime = new Task("no-time-" + UUID.randomUUID(), "payload", System.currentTimeMillis(), 0, 0);

        assertThatThrownBy(() -> producer.sendBodyAndHeader(TaskRoutes.SCHEDULE, List.of(levelZero),
                RocketMQConstants.OVERRIDE_DELAY_LEVEL, 0))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RocketMQConstants.OVERRIDE_DELAY_LEVEL + "=0");
        assertThatThrownBy(() -> producer.sendBodyAndHeader(TaskRoutes.SCHEDULE, List.of(noTime),
                RocketMQConstants.DELIVER_TIME, null))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RocketMQConstants.DELIVER_TIME);
        // run at once, as they were, they would have run before a task due in a second
        assertNoneRanBy(System.currentTimeMillis() + 1_000, List.of(levelZero, noTime));
    }

    @Test
    void aBatchWithSomethingElseThanTasksOrWithoutATimeIsRefusedNamingWhy() {
        long later = System.currentTimeMillis() + 500;
        Task task = new Task("refused-" + UUID.randomUUID(), "payload", later, 0, 0);

        assertThatThrownBy(() -> producer.sendBodyAndHeader(TaskRoutes.SCHEDULE, List.of(task, "not a task"),
                RocketMQConstants.DELIVER_TIME, later))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 1").hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> producer.sendBody(TaskRoutes.SCHEDULE, List.of(task)))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RocketMQConstants.OVERRIDE_DELAY_LEVEL).hasMessageContaining(RocketMQConstants.DELIVER_TIME);
        assertNoneRanBy(later + 1_000, List.of(task));
    }
}

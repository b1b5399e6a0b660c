package io.rocketcamel.examples.tasks;

import io.rocketcamel.broker.DelayLevels;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.demo.Await;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.demo.DemoScenario;
import io.rocketcamel.examples.demo.ScenarioResult;
import io.rocketcamel.examples.demo.ScenarioResult.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Schedules a batch on a delay level and a batch on the timer, with one task that succeeds on its third attempt and
 * one that never does, and cancels one more timer task before it is due; then checks due times, retry counts, where
 * each task ended and that the cancelled one never ran.
 */
@Component
@Order(4)
public class DelayedTasksDemo implements DemoScenario {

    /** How late a task may run after it was due. */
    static final long MAX_LATENESS_MS = 1000;

    private final ProducerTemplate producer;
    private final TaskLedger ledger;
    private final DelayLevels delayLevels;
    private final int delayLevel;

    public DelayedTasksDemo(ProducerTemplate producer, TaskLedger ledger,
            @Value("${rocketcamel.embedded-broker.delay-levels:" + DelayLevels.DEFAULT + "}") String delayLevels,
            @Value("${rocketcamel.demo.tasks.delay-level:2}") int delayLevel) {
        this.producer = producer;
        this.ledger = ledger;
        this.delayLevels = DelayLevels.parse(delayLevels);
        this.delayLevel = delayLevel;
    }

    @Override
    public String name() {
        return "delayed-tasks";
    }

    @Override
    public ScenarioResult run(DemoConsole console) {
        return run(console, 5);
    }

    public ScenarioResult run(DemoConsole console, int perBatch) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long levelDelay = delayLevels.delayOf(delayLevel).toMillis();
        long now = System.currentTimeMillis();
        List<Task> byLevel = tasks(run + "-level", perBatch, now + levelDelay);
        producer.sendBodyAndHeader(TaskRoutes.SCHEDULE, byLevel, RocketMQConstants.OVERRIDE_DELAY_LEVEL, delayLevel);

        long at = System.currentTimeMillis() + 3000;
        List<Task> byTimer = new ArrayList<>(tasks(run + "-timer", perBatch, at));
        byTimer.add(new Task(run + "-flaky", "succeeds on attempt 3", at, 0, 2));
        byTimer.add(new Task(run + "-broken", "never succeeds", at, 0, Integer.MAX_VALUE));
        producer.sendBodyAndHeader(TaskRoutes.SCHEDULE, byTimer, RocketMQConstants.DELIVER_TIME, at);
        String recallHandle = producer.send(TaskRoutes.SCHEDULE, e -> {
            e.getMessage().setBody(List.of(new Task(run + "-cancelled", "cancelled before it is due", at, 0, 0)));
            e.getMessage().setHeader(RocketMQConstants.DELIVER_TIME, at);
        }).getMessage().getHeader(RocketMQConstants.RECALL_HANDLE, String.class);
        Exception cancelFailure = producer.send(TaskRoutes.CANCEL,
                e -> e.getMessage().setHeader(RocketMQConstants.RECALL_HANDLE, recallHandle)).getException();
        int expectedResults = byLevel.size() + byTimer.size() - 1;
        console.stage("scheduled %d tasks on delay level %d (%d ms) and %d on the timer at +3 s, one failing twice, one always;"
                      + " cancelled one more", byLevel.size(), delayLevel, levelDelay, byTimer.size());

        Await.until(Duration.ofSeconds(90), () -> ofRun(ledger.results(), run).size() >= expectedResults
                && !ofRun(ledger.failures(), run).isEmpty());

        List<TaskOutcome> results = ofRun(ledger.results(), run);
        List<TaskOutcome> failures = ofRun(ledger.failures(), run);
        Map<String, TaskOutcome> byId = results.stream().collect(Collectors.toMap(TaskOutcome::taskId, Function.identity(), (a, b) -> a));
        TaskOutcome latest = results.stream().max(java.util.Comparator.comparingLong(TaskOutcome::latenessMillis)).orElse(null);
        long maxLateness = latest == null ? Long.MAX_VALUE : latest.latenessMillis();
        long minLateness = results.stream().mapToLong(TaskOutcome::latenessMillis).min().orElse(Long.MIN_VALUE);
        TaskOutcome flaky = byId.get(run + "-flaky");
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(results.size() == expectedResults && byId.size() == expectedResults,
                "results on task-results: " + results.size() + " of " + expectedResults + " (each once)"));
        checks.add(new Check(minLateness >= 0 && maxLateness <= MAX_LATENESS_MS,
                "every task ran after it was due and at most " + MAX_LATENESS_MS + " ms late: " + minLateness + ".." + maxLateness
                        + " ms (latest: " + (latest == null ? "none" : latest.taskId() + " after " + latest.retryCount() + " retries") + ")"));
        checks.add(new Check(flaky != null && flaky.retryCount() == 2, "flaky task succeeded after exactly 2 retries: "
                + (flaky == null ? "missing" : flaky.retryCount())));
        checks.add(new Check(recallHandle != null && cancelFailure == null && !byId.containsKey(run + "-cancelled"),
                "task cancelled before it was due never ran: " + (cancelFailure == null ? "recalled" : cancelFailure)));
        checks.add(new Check(failures.size() == 1 && failures.get(0).retryCount() == TaskRetryPolicy.MAX_RETRIES,
                "broken task on task-failures after " + TaskRetryPolicy.MAX_RETRIES + " retries: "
                        + failures.stream().map(f -> f.taskId() + " retries=" + f.retryCount()).toList()));
        return ScenarioResult.of(checks);
    }

    private static List<Task> tasks(String prefix, int count, long dueAt) {
        return IntStream.range(0, count).mapToObj(i -> new Task(prefix + "-" + i, "job " + i, dueAt, 0, 0)).toList();
    }

    private static List<TaskOutcome> ofRun(List<TaskOutcome> outcomes, String run) {
        return outcomes.stream().filter(o -> o.taskId().startsWith(run)).toList();
    }
}

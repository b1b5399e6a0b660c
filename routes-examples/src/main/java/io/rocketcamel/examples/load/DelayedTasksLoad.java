package io.rocketcamel.examples.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.tasks.Task;
import io.rocketcamel.examples.tasks.TaskOutcome;
import io.rocketcamel.examples.tasks.TaskRoutes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The article's third scenario: tasks scheduled through {@code direct:schedule-tasks} on RocketMQ 5's timer, each due
 * {@code rocketcamel.load.tasks.delay} after it was scheduled; a task finishes when its result reaches task-results,
 * and its latency is the delivery error: when the worker ran it minus when it was due, that is how late it ran.
 * <p>
 * A task that ran before it was due is a fault of its own (the timer did not hold it back): it is counted in
 * {@code ranEarly} (a goal: none), and records a delivery error of 0 in the latency, so that the p99 stays how late
 * tasks ran and an early run never passes for a late one.
 */
@Component
public class DelayedTasksLoad implements LoadScenario {

    private final ProducerTemplate producer;
    private final Duration delay;
    private final String run = "load-" + UUID.randomUUID().toString().substring(0, 8);
    private final LongAccumulator earliest = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator latest = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final LongAdder ranEarly = new LongAdder();

    public DelayedTasksLoad(ProducerTemplate producer, @Value("${rocketcamel.load.tasks.delay:5s}") Duration delay) {
        this.producer = producer;
        this.delay = delay;
    }

    @Override
    public String name() {
        return "delayed-tasks";
    }

    @Override
    public double targetPerMinute() {
        return 10_000;
    }

    @Override
    public String latencyName() {
        return "delivery error (ran - due)";
    }

    @Override
    public long latencyTargetMillis() {
        return 1000;
    }

    @Override
    public List<String> consumerGroups() {
        return List.of("task-workers", "task-results-ledger");
    }

    @Override
    public void start(long n, Tracker tracker) {
        long dueAt = System.currentTimeMillis() + delay.toMillis();
        Task task = new Task(run + "-" + n, "job " + n, dueAt, 0, 0);
        tracker.started(task.id());
        try {
            producer.sendBodyAndHeader(TaskRoutes.SCHEDULE, List.of(task), RocketMQConstants.DELIVER_TIME, dueAt);
        } catch (RuntimeException e) {
            tracker.failedToStart(task.id());
            throw e;
        }
    }

    @Override
    public void completed(String routeId, Exchange exchange, Tracker tracker) {
        if ("task-results".equals(routeId) && exchange.getMessage().getBody() instanceof TaskOutcome outcome
                && outcome.taskId().startsWith(run)) {
            long lateness = outcome.latenessMillis();
            earliest.accumulate(lateness);
            latest.accumulate(lateness);
            if (lateness < 0) {
                ranEarly.increment();
            }
            tracker.finished(outcome.taskId(), Math.max(0, lateness));
        }
    }

    /** Tasks of this run (warm-up included) that ran before they were due; how early the earliest ran. */
    @Override
    public void putInto(ObjectNode result) {
        result.put("ranEarly", ranEarly.sum());
        if (earliest.get() != Long.MAX_VALUE) {
            result.put("earliestLatenessMs", earliest.get());
        }
    }

    @Override
    public String note() {
        if (earliest.get() == Long.MAX_VALUE) {
            return null;
        }
        if (earliest.get() >= 0) {
            return String.format("tasks due %d s after scheduling ran %d to %d ms after they were due", delay.toSeconds(),
                    earliest.get(), latest.get());
        }
        return String.format("tasks due %d s after scheduling ran from %d ms before to %d ms after they were due; %d ran"
                + " early (counted 0 in the delivery error)", delay.toSeconds(), -earliest.get(), latest.get(), ranEarly.sum());
    }
}

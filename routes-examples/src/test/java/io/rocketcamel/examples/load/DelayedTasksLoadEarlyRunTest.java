package io.rocketcamel.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocketcamel.examples.tasks.Task;
import io.rocketcamel.examples.tasks.TaskOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The delayed-tasks load scenario's accounting without a broker: a task that ran before it was due is counted as early,
 * not measured as one that ran late; the delivery error's figures are how late tasks ran.
 */
class DelayedTasksLoadEarlyRunTest {

    @Test
    void aTaskThatRanBeforeItWasDueIsCountedEarlyNotMeasuredAsLate() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            CompletableFuture<Task> scheduled = new CompletableFuture<>();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:schedule-tasks").process(e -> scheduled.complete(((List<?>) e.getMessage().getBody())
                            .stream().map(Task.class::cast).findFirst().orElseThrow()));
                }
            });
            camel.start();
            DelayedTasksLoad load = new DelayedTasksLoad(camel.createProducerTemplate(), Duration.ofSeconds(1));
            Tracker tracker = new Tracker();
            load.start(0, tracker);
            load.start(1, tracker);
            Task early = scheduled.get(10, TimeUnit.SECONDS);

            // the worker ran one 900 ms before it was due (the timer did not hold it back), the other 40 ms late
            load.completed("task-results", result(camel, new TaskOutcome(early.id(), true, 0, 10_000, 9_100, "ok")), tracker);
            String onTime = early.id().substring(0, early.id().lastIndexOf('-')) + "-1";
            load.completed("task-results", result(camel, new TaskOutcome(onTime, true, 0, 10_000, 10_040, "ok")), tracker);

            assertThat(tracker.inFlight()).as("in flight").isZero();
            long recordedMillis = tracker.all().getMaxValue() / 1000;
            assertThat(recordedMillis).as("the largest delivery error recorded, ms (note: %s)", load.note()).isBetween(39L, 41L);
            ObjectNode json = new ObjectMapper().createObjectNode();
            load.putInto(json);
            assertThat(json.path("ranEarly").asLong(-1)).as("tasks that ran early in %s", json).isEqualTo(1);
            assertThat(json.path("earliestLatenessMs").asLong()).as("earliest lateness in %s", json).isEqualTo(-900);
            assertThat(load.note()).contains("from 900 ms before to 40 ms after", "1 ran early");
        }
    }

    private static Exchange result(CamelContext camel, TaskOutcome outcome) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(outcome);
        return exchange;
    }
}

package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.examples.deadletter.DeadLetters;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.logcollection.ErrorStore;
import io.rocketcamel.examples.logcollection.LogCollectionDemo;
import io.rocketcamel.examples.logcollection.LogEvent;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LogCollectionIT extends ExamplesITSupport {

    @Autowired
    LogCollectionDemo demo;
    @Autowired
    ErrorStore errors;
    @Autowired
    DeadLetters deadLetters;

    @Test
    void onlyErrorEventsAreStoredOnceAcrossTwoConsumersAndSlowPaymentsAlert() {
        assertPassed(demo.run(new DemoConsole("log-collection"), 800));
        assertThat(errors.countByCollector("")).containsOnlyKeys("error-collector-1", "error-collector-2");
        assertThat(deadLetters.all()).anySatisfy(letter -> {
            assertThat(letter.source()).startsWith("error-collector");
            assertThat(letter.reason()).contains("Unexpected end-of-input");
            assertThat(letter.body()).isEqualTo("{\"id\": \"broken");
        });
    }

    @Test
    void aRedeliveredErrorEventIsStoredOnce() {
        // RocketMQ delivers at least once: a rebalance between the collectors can hand an event to both
        LogEvent event = new LogEvent("redelivered-" + UUID.randomUUID(), "payment", "ERROR", "card declined", 12);
        errors.save(event, "error-collector-1");
        errors.save(event, "error-collector-2");

        assertThat(errors.eventIds()).containsOnlyOnce(event.id());
        assertThat(errors.countByCollector(event.id())).containsExactly(java.util.Map.entry("error-collector-1", 1L));
    }
}

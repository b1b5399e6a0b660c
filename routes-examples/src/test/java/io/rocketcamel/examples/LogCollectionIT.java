package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.examples.deadletter.DeadLetters;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.logcollection.ErrorStore;
import io.rocketcamel.examples.logcollection.LogCollectionDemo;
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
        assertThat(errors.countByCollector()).containsOnlyKeys("error-collector-1", "error-collector-2");
        assertThat(deadLetters.all()).anySatisfy(letter -> {
            assertThat(letter.source()).startsWith("error-collector");
            assertThat(letter.reason()).contains("Unexpected end-of-input");
            assertThat(letter.body()).isEqualTo("{\"id\": \"broken");
        });
    }
}

package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.examples.deadletter.DeadLetterRoutes;
import io.rocketcamel.examples.deadletter.DeadLetters;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.logcollection.ErrorStore;
import io.rocketcamel.examples.logcollection.LogCollectionDemo;
import io.rocketcamel.examples.logcollection.LogCollectionRoutes;
import io.rocketcamel.examples.logcollection.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LogCollectionIT extends ExamplesITSupport {

    @Autowired
    LogCollectionDemo demo;
    @Autowired
    ErrorStore errors;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    EmbeddedRocketMQBroker broker;

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

    /**
     * An ERROR line with a stack trace ran past the message column (1,024 characters): the insert failed on every
     * redelivery and the event ended in the group's dead-letter topic, never collected. An event the table cannot hold
     * at all (an id past 64 characters) is bad data: parked on the dead letters with the reason.
     */
    @Test
    void aLongErrorIsStoredAndAnEventTheTableCannotHoldIsParked() {
        LogEvent stackTrace = new LogEvent("long-" + UUID.randomUUID(), "payment", "ERROR",
                "java.lang.IllegalStateException: card service down\n\tat com.example.Pay.charge(Pay.java:42)\n".repeat(60), 12);
        LogEvent oversizedId = new LogEvent("id-" + "x".repeat(80), "payment", "ERROR", "card declined", 12);

        producer.sendBody(LogCollectionRoutes.PUBLISH, stackTrace);
        producer.sendBody(LogCollectionRoutes.PUBLISH, oversizedId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(errors.eventIds()).contains(stackTrace.id()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.all()).anySatisfy(letter -> {
            assertThat(letter.source()).startsWith("error-collector");
            assertThat(letter.reason()).contains("event id", "64 characters");
            assertThat(letter.body()).contains(oversizedId.id());
        }));
        // parked on the broker as consumed: the route had already turned it into a LogEvent, which no send takes
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(broker.messages(DeadLetterRoutes.TOPIC))
                .anySatisfy(parked -> assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).contains(oversizedId.id())));
    }

    /**
     * An event without an id cannot be told apart from its redeliveries: a missing id failed the insert on every
     * redelivery until the group's dead-letter topic, and a blank one was stored once and every later event with a blank
     * id dropped as a duplicate of it. Both are bad data: parked on the dead letters with the reason.
     */
    @Test
    void anErrorEventWithoutAnIdIsParkedNamingTheId() {
        String marker = UUID.randomUUID().toString();
        producer.sendBody(LogCollectionRoutes.PUBLISH, new LogEvent(null, "payment", "ERROR", "no id " + marker, 12));
        producer.sendBody(LogCollectionRoutes.PUBLISH, new LogEvent(" ", "payment", "ERROR", "blank id " + marker, 12));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.all())
                .filteredOn(letter -> letter.body().contains(marker))
                .hasSize(2)
                .allSatisfy(letter -> {
                    assertThat(letter.source()).startsWith("error-collector");
                    assertThat(letter.reason()).contains("event id");
                }));
        assertThat(errors.eventIds()).noneMatch(id -> id.isBlank());
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

package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rocketcamel.examples.demo.ConsumerLagReport;
import io.rocketcamel.examples.load.LoadRun;
import io.rocketcamel.examples.load.LoadScenario;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The load mode's scenarios, each driven through the demo's routes for a few seconds at a low rate. */
class LoadModeIT extends ExamplesITSupport {

    @Autowired
    List<LoadScenario> scenarios;
    @Autowired
    CamelContext camel;
    @Autowired
    ConsumerLagReport lags;
    @Autowired
    ObjectMapper json;

    @ParameterizedTest
    @ValueSource(strings = {"order-saga", "cdc", "delayed-tasks"})
    void everyUnitStartedFinishesAndTheRunIsRecordedSecondBySecond(String name) throws Exception {
        LoadScenario scenario = scenarios.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();

        JsonNode result = new LoadRun(scenario, camel, lags, json)
                .execute(new LoadRun.Settings(1200, Duration.ofSeconds(2), Duration.ofSeconds(3), 4, Duration.ofSeconds(30)));

        // 20 a second for 2 s, and on a second at a time while the last second's p99 is above the target (until 12 s,
        // so at most 13 s in all): the warm-up's units are started, not measured
        assertThat(result.path("warmUpSeconds").asDouble()).as(result.toString()).isBetween(1.9, 13.5);
        assertThat(result.path("warmUpUnits").asLong()).as(result.toString()).isBetween(30L, 261L);
        String warmUp = result.path("warmUpState").asText();
        assertThat(warmUp).as(result.toString()).isIn("SETTLED", "RECOVERING", "OVERLOADED");
        // units of the warm-up still running when the measured load began: at most all the warm-up started
        assertThat(result.path("inFlightAtStart").isIntegralNumber()).as("a count in flight in " + result).isTrue();
        assertThat(result.path("inFlightAtStart").asLong()).as(result.toString())
                .isBetween(0L, result.path("warmUpUnits").asLong());
        if (!warmUp.equals("SETTLED")) {
            assertThat(result.path("note").asText()).as(result.toString()).contains("warm-up ended");
        }
        // 20 a second for 3 s; how many the 4 callers started in time depends on the machine's load, not on the harness
        assertThat(result.path("offered").asLong()).as(result.toString()).isBetween(59L, 61L);
        assertThat(result.path("submitted").asLong()).as(result.toString()).isPositive();
        assertThat(result.path("submitted").asLong() + result.path("notStartedInTime").asLong())
                .as("every unit offered is started or counted as not started in time: " + result).isEqualTo(result.path("offered").asLong());
        assertThat(result.path("startFailures").asLong()).as(result.toString()).isZero();
        assertThat(result.path("completed").asLong()).as(result.toString()).isEqualTo(result.path("submitted").asLong());
        assertThat(result.path("lost").isIntegralNumber()).as("a count of lost units in " + result).isTrue();
        assertThat(result.path("lost").asLong()).isZero();
        // nothing finished twice, and no finish for a unit this run did not start
        assertThat(result.path("duplicates").isIntegralNumber()).as("a count of duplicates in " + result).isTrue();
        assertThat(result.path("duplicates").asLong()).as(result.toString()).isZero();
        if (name.equals("order-saga")) {
            assertThat(result.path("endedOtherwise").asLong(-1)).as("orders that ended otherwise than their card says: " + result)
                    .isZero();
        }
        if (name.equals("delayed-tasks")) {
            assertThat(result.path("ranEarly").isIntegralNumber()).as("a count of early tasks in " + result).isTrue();
            assertThat(result.path("ranEarly").asLong()).as("tasks that ran before they were due: " + result).isZero();
        }
        assertThat(result.path("latency").path("count").asLong()).isEqualTo(result.path("completed").asLong());
        assertThat(result.path("latency").path("p99").asDouble()).isPositive();
        JsonNode timeline = result.path("timeline");
        assertThat(timeline.size()).isGreaterThanOrEqualTo(3);
        assertThat(timeline.get(0).path("phase").asText()).isEqualTo("warm-up");
        assertThat(timeline).anySatisfy(point -> assertThat(point.path("phase").asText()).isEqualTo("load"));
        assertThat(timeline.get(0).path("lag").size()).as(timeline.get(0).toString()).isEqualTo(scenario.consumerGroups().size());
    }

    /** A rate the callers cannot keep up with: the warm-up's queued units are dropped, so the measured ones start. */
    @Test
    void warmUpUnitsTheCallersCouldNotStartDoNotHoldUpTheMeasuredOnes() throws Exception {
        LoadScenario saga = scenarios.stream().filter(s -> s.name().equals("order-saga")).findFirst().orElseThrow();

        // 1,000 orders a second for one caller, whose every start is a transactional send and a database write
        JsonNode result = new LoadRun(saga, camel, lags, json)
                .execute(new LoadRun.Settings(60_000, Duration.ofSeconds(1), Duration.ofSeconds(2), 1, Duration.ofSeconds(60)));

        assertThat(result.path("submitted").asLong()).as(result.toString()).isPositive();
        assertThat(result.path("warmUpNotStarted").asLong()).as(result.toString()).isPositive();
        assertThat(result.path("completed").asLong()).isEqualTo(result.path("submitted").asLong());
        assertThat(result.path("lost").isIntegralNumber()).as("a count of lost units in " + result).isTrue();
        assertThat(result.path("lost").asLong()).isZero();
    }
}

package io.rocketcamel.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rocketcamel.benchmarks.report.RunResult.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The goals of the article's scenarios checked from the load mode's JSON: each from a count, not from its absence. */
class ScenarioGoalsTest {

    private static final String DELAYED_TASKS = """
            {"scenario": "delayed-tasks", "targetPerMinute": 10000, "completedPerMinute": 10000, "latencyName": "delivery error",
             "latencyTargetMs": 1000, "latency": {"count": 10000, "p99": 540}, "lost": 0%s}""";

    private static List<Check> checks(String json) throws Exception {
        JsonNode scenario = new ObjectMapper().readTree(json);
        return Goals.evaluate(List.of(), List.of(scenario));
    }

    private static Check goal(List<Check> checks, String goal) {
        return checks.stream().filter(check -> check.goal().equals(goal)).findFirst()
                .orElseThrow(() -> new AssertionError("no check \"" + goal + "\" in " + checks));
    }

    @Test
    void delayedTasksThatRanEarlyFailTheirGoal() throws Exception {
        Check early = goal(checks(DELAYED_TASKS.formatted(", \"ranEarly\": 59, \"earliestLatenessMs\": -997")), "no task ran early");

        assertThat(early).isEqualTo(new Check("delayed-tasks", "no task ran early", "59 ran early, the earliest 997 ms before it was due",
                false, "59 ran before they were due"));
    }

    @Test
    void delayedTasksNoneEarlyMeetTheirGoal() throws Exception {
        assertThat(goal(checks(DELAYED_TASKS.formatted(", \"ranEarly\": 0, \"earliestLatenessMs\": 15")), "no task ran early"))
                .isEqualTo(new Check("delayed-tasks", "no task ran early", "0 ran early", true, ""));
    }

    @Test
    void delayedTasksWithoutAnEarlyCountDoNotMeetTheGoal() throws Exception {
        assertThat(goal(checks(DELAYED_TASKS.formatted("")), "no task ran early"))
                .isEqualTo(new Check("delayed-tasks", "no task ran early", "not counted", false, "the result has no ranEarly count"));
    }

    @Test
    void aScenarioResultWithoutALostCountIsNotNothingLost() throws Exception {
        // what ExamplesLoadIT's stand-in app writes, and what any app version without the field would
        Check lost = goal(checks("""
                {"scenario": "fake", "summary": "done", "completedPerMinute": 60, "targetPerMinute": 1200, "offeredPerMinute": 600}"""),
                "nothing lost");

        assertThat(lost).isEqualTo(new Check("fake at 600/min", "nothing lost", "not counted", false, "the result has no lost count"));
    }

    @Test
    void aLostCountOfZeroIsNothingLostAndAnyOtherIsNot() throws Exception {
        assertThat(goal(checks(DELAYED_TASKS.formatted(", \"ranEarly\": 0")), "nothing lost"))
                .isEqualTo(new Check("delayed-tasks", "nothing lost", "0 lost", true, ""));
        assertThat(goal(checks(DELAYED_TASKS.formatted(", \"ranEarly\": 0").replace("\"lost\": 0", "\"lost\": 3")), "nothing lost"))
                .isEqualTo(new Check("delayed-tasks", "nothing lost", "3 lost", false, "3 never completed"));
    }
}

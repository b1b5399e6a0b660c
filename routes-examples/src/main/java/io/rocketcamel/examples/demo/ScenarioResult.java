package io.rocketcamel.examples.demo;

import java.util.List;

/** A scenario's verdict with the facts behind it, one line each. */
public record ScenarioResult(boolean passed, List<String> facts) {

    public static ScenarioResult of(List<Check> checks) {
        return new ScenarioResult(checks.stream().allMatch(Check::ok),
                checks.stream().map(c -> (c.ok() ? "ok   " : "FAIL ") + c.description()).toList());
    }

    /** One end-state condition and what was seen. */
    public record Check(boolean ok, String description) {
    }
}

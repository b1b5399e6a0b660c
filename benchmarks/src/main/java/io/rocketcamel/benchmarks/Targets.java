package io.rocketcamel.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Checks the goals: the seed's table for ours, ours >= 0.9x the raw client, ours >= 2x camel-rocketmq. */
final class Targets {

    static final double RAW_RATIO = 0.9;
    static final double APACHE_RATIO = 2.0;

    private Targets() {
    }

    static List<Check> evaluate(RunData data, List<Scenario> scenarios) {
        List<Check> checks = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Result ours = data.result(scenario.id(), Peer.OURS);
            if (ours == null) {
                if (scenario.target() != null && data.results().stream().anyMatch(r -> r.scenarioId().equals(scenario.id()))) {
                    checks.add(new Check(scenario.id(), scenario.target().name() + " target", "not measured", null, skipReason(data, scenario)));
                }
                continue;
            }
            if (scenario.target() != null) {
                checks.add(throughput(scenario, ours));
                checks.add(p99(scenario, ours));
            }
            ratio(checks, scenario, ours, data.result(scenario.id(), Peer.RAW), RAW_RATIO);
            ratio(checks, scenario, ours, data.result(scenario.id(), Peer.APACHE_WAIT), APACHE_RATIO);
            ratio(checks, scenario, ours, data.result(scenario.id(), Peer.APACHE_DEFAULT), APACHE_RATIO);
        }
        return checks;
    }

    private static String skipReason(RunData data, Scenario scenario) {
        return data.results().stream().filter(r -> r.scenarioId().equals(scenario.id()) && r.peer() == Peer.OURS)
                .map(r -> r.skipped() != null ? r.skipped() : r.problem()).findFirst().orElse("");
    }

    private static Check throughput(Scenario scenario, Result ours) {
        Target target = scenario.target();
        double rate = ours.messagesPerSecond();
        boolean met = rate >= target.messagesPerSecond();
        return new Check(scenario.id(), String.format(">= %,.0f msg/s", target.messagesPerSecond()), String.format("%,.0f msg/s", rate), met,
                met ? "" : String.format("missed by %.0f%% (%,.0f msg/s short)", 100 * (1 - rate / target.messagesPerSecond()),
                        target.messagesPerSecond() - rate));
    }

    private static Check p99(Scenario scenario, Result ours) {
        double limit = scenario.target().p99Millis();
        double p99 = ours.send().p99();
        return new Check(scenario.id(), String.format("send p99 < %.0f ms", limit), String.format("%.2f ms", p99), p99 < limit,
                p99 < limit ? "" : String.format("over by %.2f ms", p99 - limit));
    }

    private static void ratio(List<Check> checks, Scenario scenario, Result ours, Result peer, double goal) {
        if (peer == null || peer.messagesPerSecond() == 0) {
            return;
        }
        double ratio = ours.messagesPerSecond() / peer.messagesPerSecond();
        checks.add(new Check(scenario.id(), String.format("ours >= %.1fx %s", goal, peer.peer().label()), String.format("%.2fx", ratio),
                ratio >= goal, ratio >= goal ? "" : String.format("%.2fx short", goal - ratio)));
    }
}

package io.rocketcamel.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.rocketcamel.benchmarks.Workload;
import io.rocketcamel.benchmarks.report.RunResult.Check;
import io.rocketcamel.benchmarks.report.RunResult.PeerResult;
import io.rocketcamel.benchmarks.report.RunResult.WorkloadResult;

/**
 * The goals checked against a run: each workload's own goals for ours (workloads.json: the article's performance
 * table), ours against the raw client where both ran, and the harness against the plain loop (the raw client through
 * the harness within 10% of the plain loop, or the harness, not the client, sets the absolute figures).
 */
public final class Goals {

    static final double HARNESS_TOLERANCE = 0.10;
    private static final String DELAYED_TASKS = "delayed-tasks";

    private Goals() {
    }

    public static List<Check> evaluate(List<WorkloadResult> workloads, List<JsonNode> scenarios) {
        List<Check> checks = new ArrayList<>();
        for (WorkloadResult w : workloads) {
            PeerResult ours = w.peer("ours");
            PeerResult raw = w.peer("raw");
            PeerResult plain = w.peer("plain-loop");
            if (raw != null && plain != null && plain.msgPerSec() > 0) {
                double ratio = raw.msgPerSec() / plain.msgPerSec();
                boolean met = Math.abs(ratio - 1) <= HARNESS_TOLERANCE;
                RoundRatios spread = RoundRatios.of(raw.rounds(), plain.rounds());
                String gap = met ? "" : String.format("off by %.0f%%", Math.abs(ratio - 1) * 100)
                        + (spread == null ? "" : ", " + spread.missOutside(1 - HARNESS_TOLERANCE, 1 + HARNESS_TOLERANCE));
                checks.add(new Check(w.id(), "harness: raw client within 10% of the plain loop",
                        String.format("%.2fx", ratio) + details(spread, ""), met, gap));
            }
            if (ours == null) {
                w.peers().stream().filter(p -> p.peer().equals("ours") && p.ran()).findFirst().ifPresent(failed -> checks.add(
                        new Check(w.id(), "ours measured", "no", false, String.valueOf(failed.problem()))));
                continue;
            }
            Workload.Goal goal = w.goal();
            if (goal.msgPerSec() != null) {
                double target = goal.msgPerSec();
                boolean met = ours.msgPerSec() >= target;
                checks.add(new Check(w.id(), String.format(">= %,.0f msg/s", target), String.format("%,.0f msg/s", ours.msgPerSec())
                        + (raw == null ? "" : String.format(" (raw client %,.0f)", raw.msgPerSec())), met,
                        met ? "" : String.format("%.0f%% short (%,.0f msg/s)", 100 * (1 - ours.msgPerSec() / target), target - ours.msgPerSec())));
            }
            if (goal.sendP99Ms() != null && ours.send() != null) {
                checks.add(below(w.id(), "send p99", ours.send().p99(), goal.sendP99Ms()));
            }
            if (goal.e2eP99Ms() != null && ours.endToEnd() != null) {
                checks.add(below(w.id(), "end-to-end p99", ours.endToEnd().p99(), goal.e2eP99Ms()));
            }
            if (goal.minRawRatio() != null && raw != null && raw.msgPerSec() > 0) {
                double ratio = ours.msgPerSec() / raw.msgPerSec();
                boolean met = ratio >= goal.minRawRatio();
                RoundRatios spread = RoundRatios.of(ours.rounds(), raw.rounds());
                String gap = met ? "" : String.format("%.2fx short", goal.minRawRatio() - ratio)
                        + (spread == null ? "" : ", " + spread.missBelow(goal.minRawRatio()));
                checks.add(new Check(w.id(), String.format("ours >= %.2fx raw client", goal.minRawRatio()),
                        String.format("%.2fx", ratio) + details(spread, routeShare(w.peer("raw-in-route"), raw, ours)), met, gap));
            }
            if (ours.note() != null && ours.note().startsWith("per-key order")) {
                boolean kept = ours.note().startsWith("per-key order kept");
                checks.add(new Check(w.id(), "per-key order kept", kept ? "kept" : "broken", kept, kept ? "" : ours.note()));
            }
        }
        scenarios.forEach(scenario -> scenario(scenario, checks));
        return checks;
    }

    /** The rounds' spread and what else the ratio is read with, in brackets after it. */
    private static String details(RoundRatios spread, String more) {
        String all = spread == null ? more : more.isEmpty() ? spread.describe() : spread.describe() + "; " + more;
        return all.isEmpty() ? "" : " (" + all + ")";
    }

    /**
     * Where the raw client also ran inside a Camel route: the share Camel's routing takes (that route against the raw
     * client), and ours' own (ours against that route).
     */
    private static String routeShare(PeerResult routed, PeerResult raw, PeerResult ours) {
        if (routed == null || routed.msgPerSec() <= 0) {
            return "";
        }
        return String.format("raw client in a Camel route %.2fx of the raw client; ours %.2fx of that route",
                routed.msgPerSec() / raw.msgPerSec(), ours.msgPerSec() / routed.msgPerSec());
    }

    /**
     * The article's scenario targets, through the example routes: rate, latency, nothing lost. A run at a rate of its
     * own (what the machine carries) is checked for keeping up with that rate instead.
     */
    private static void scenario(JsonNode s, List<Check> checks) {
        String id = scenarioLabel(s);
        if (s.hasNonNull("problem") || !s.has("completedPerMinute")) {
            checks.add(new Check(id, "scenario ran", "no", false, s.path("problem").asText("no result")));
            return;
        }
        if (atArticlesRate(s)) {
            double target = s.path("targetPerMinute").asDouble();
            double reached = s.path("completedPerMinute").asDouble();
            boolean met = reached >= target * 0.99;
            checks.add(new Check(id, String.format(">= %,.0f a minute", target), String.format("%,.0f a minute", reached), met,
                    met ? "" : String.format("%.0f%% short", 100 * (1 - reached / target))));
        } else {
            checks.add(keptUp(id, s));
        }
        long measured = s.path("latency").path("count").asLong(s.path("completed").asLong());
        if (measured == 0) {
            checks.add(new Check(id, s.path("latencyName").asText("latency") + " p99", "no unit measured", false,
                    "none of the measured units finished"));
        } else {
            checks.add(below(id, s.path("latencyName").asText("latency") + " p99", s.path("latency").path("p99").asDouble(),
                    s.path("latencyTargetMs").asDouble()));
        }
        // "nothing lost" needs a count of lost units: a result without one (an app that does not count) does not pass
        if (!s.path("lost").isIntegralNumber()) {
            checks.add(new Check(id, "nothing lost", "not counted", false, "the result has no lost count"));
        } else {
            long lost = s.path("lost").asLong();
            checks.add(new Check(id, "nothing lost", lost + " lost", lost == 0, lost == 0 ? "" : lost + " never completed"));
        }
        if (s.has("ranEarly") || DELAYED_TASKS.equals(s.path("scenario").asText())) {
            checks.add(noneEarly(id, s));
        }
    }

    /**
     * Delayed tasks: none ran before it was due (the delivery error's p99 counts an early run as 0, so it cannot show
     * one). A result without the count does not pass.
     */
    private static Check noneEarly(String id, JsonNode s) {
        if (!s.path("ranEarly").isIntegralNumber()) {
            return new Check(id, "no task ran early", "not counted", false, "the result has no ranEarly count");
        }
        long early = s.path("ranEarly").asLong();
        return early == 0 ? new Check(id, "no task ran early", "0 ran early", true, "")
                : new Check(id, "no task ran early", String.format("%,d ran early, the earliest %,d ms before it was due", early,
                        -s.path("earliestLatenessMs").asLong()), false, String.format("%,d ran before they were due", early));
    }

    /**
     * At a rate of its own, a scenario keeps up when the callers started units at that rate and every unit they
     * started finished. (A finishing rate per second of the load undercounts by the load's last, partial second.)
     */
    private static Check keptUp(String id, JsonNode s) {
        double offered = offeredPerMinute(s);
        double started = s.path("startedPerMinute").asDouble();
        long submitted = s.path("submitted").asLong();
        long completed = s.path("completed").asLong();
        boolean met = started >= offered * 0.99 && completed >= submitted;
        return new Check(id, String.format("keeps up with %,.0f a minute", offered),
                String.format("%,.0f a minute started, %,d of %,d finished", started, completed, submitted), met,
                met ? "" : started < offered * 0.99 ? String.format("%.0f%% short in starting", 100 * (1 - started / offered))
                        : String.format("%,d unfinished", submitted - completed));
    }

    /** The scenario as the report names it: with its rate when that is not the article's. */
    public static String scenarioLabel(JsonNode s) {
        return scenarioLabel(s.path("scenario").asText(), atArticlesRate(s) ? 0 : offeredPerMinute(s));
    }

    /** @param perMinute the rate it ran at; 0: the article's */
    public static String scenarioLabel(String scenario, double perMinute) {
        return perMinute > 0 ? String.format("%s at %,.0f/min", scenario, perMinute) : scenario;
    }

    /** Units offered a minute; a result without the field ran at the article's rate. */
    public static double offeredPerMinute(JsonNode s) {
        return s.path("offeredPerMinute").asDouble(s.path("targetPerMinute").asDouble());
    }

    private static boolean atArticlesRate(JsonNode s) {
        return offeredPerMinute(s) >= s.path("targetPerMinute").asDouble() * 0.99;
    }

    private static Check below(String workload, String what, double measured, double limit) {
        boolean met = measured < limit;
        return new Check(workload, String.format("%s < %.0f ms", what, limit), String.format("%.2f ms", measured), met,
                met ? "" : String.format("over by %.2f ms", measured - limit));
    }
}

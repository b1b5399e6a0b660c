package io.rocketcamel.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the report: a scenario's variant, its figures, and the verdict against the goal (nothing lost, no order
 * inversion, plus what the scenario itself requires). A control row demonstrates that a check can fail: it passes
 * when the check reports the loss the control is known to cause.
 */
final class Result {

    enum Verdict { PASS, FAIL, CONTROL_DETECTED, CONTROL_MISSED }

    final String scenario;
    final String variant;
    Integer n;
    Integer acknowledged;
    Integer stored;
    Integer processed;
    Integer lost;
    Integer duplicates;
    Integer inversions;
    /** Inversions are reported but not judged (CONCURRENTLY promises no order). */
    boolean inversionsInformational;
    Long outageMillis;
    Long takeoverMillis;
    boolean control;
    final List<String> notes = new ArrayList<>();
    /** Requirements of the scenario beyond lost and inversions that did not hold. */
    final List<String> unmet = new ArrayList<>();

    Result(String scenario, String variant) {
        this.scenario = scenario;
        this.variant = variant;
    }

    /**
     * The delivery figures of a row, from message ids: acknowledged to the senders and processed by the consumers
     * (either null when the row has none), stored on the brokers. Lost: acknowledged but not stored, plus stored but
     * not processed. Duplicates: copies stored more than once, plus messages processed more than once.
     */
    Result count(int n, List<String> acknowledged, List<String> stored, List<String> processed) {
        this.n = n;
        this.stored = distinct(stored);
        int missing = 0;
        int copies = Tally.duplicates(stored);
        if (acknowledged != null) {
            this.acknowledged = distinct(acknowledged);
            missing += Tally.missing(acknowledged, stored).size();
        }
        if (processed != null) {
            this.processed = distinct(processed);
            missing += Tally.missing(stored, processed).size();
            copies += Tally.duplicates(processed);
        }
        this.lost = missing;
        this.duplicates = copies;
        return this;
    }

    private static int distinct(List<String> ids) {
        return (int) ids.stream().distinct().count();
    }

    Result note(String note) {
        notes.add(note);
        return this;
    }

    /** A requirement of the scenario: when it does not hold, the row fails and says why. */
    Result require(boolean holds, String requirement) {
        if (!holds) {
            unmet.add(requirement);
        }
        return this;
    }

    static Result failed(String scenario, String variant, Throwable error) {
        Result result = new Result(scenario, variant);
        result.unmet.add("the scenario did not complete: " + error);
        return result;
    }

    Verdict verdict() {
        boolean lossy = lost != null && lost > 0;
        if (control) {
            return lossy ? Verdict.CONTROL_DETECTED : Verdict.CONTROL_MISSED;
        }
        boolean inverted = !inversionsInformational && inversions != null && inversions > 0;
        return lossy || inverted || !unmet.isEmpty() ? Verdict.FAIL : Verdict.PASS;
    }

    boolean meetsGoal() {
        Verdict verdict = verdict();
        return verdict == Verdict.PASS || verdict == Verdict.CONTROL_DETECTED;
    }

    @Override
    public String toString() {
        return scenario + " " + variant + ": N=" + n + " acknowledged=" + acknowledged + " stored=" + stored
                + " processed=" + processed + " lost=" + lost + " duplicates=" + duplicates + " inversions=" + inversions
                + " outage=" + outageMillis + "ms takeover=" + takeoverMillis + "ms " + verdict()
                + (unmet.isEmpty() ? "" : " unmet=" + unmet) + (notes.isEmpty() ? "" : " notes=" + notes);
    }
}

package io.rocketcamel.benchmarks.report;

import java.util.List;
import java.util.stream.IntStream;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * One peer's rounds against another's, pair by pair. Rounds of the same index ran back to back (the peers take turns
 * in rotated order), so what the machine does between rounds falls on both sides of each ratio; the spread of the
 * ratios is the run's noise for this comparison. A ratio goal missed by less than that noise is not shown to be
 * missed, and one met by less is not shown to be met.
 *
 * @param low  the geometric mean's 90% confidence interval (Student's t over the ratios' logarithms), lower end
 * @param high its upper end
 */
record RoundRatios(double min, double max, double low, double high) {

    private static final double CONFIDENCE = 0.90;

    /** Null when fewer than two rounds of each ran (nothing to read a spread from). */
    static RoundRatios of(List<Double> rounds, List<Double> against) {
        int n = Math.min(size(rounds), size(against));
        if (n < 2) {
            return null;
        }
        double[] logs = IntStream.range(0, n).mapToDouble(i -> Math.log(rounds.get(i) / against.get(i))).toArray();
        double mean = IntStream.range(0, n).mapToDouble(i -> logs[i]).average().orElseThrow();
        double variance = IntStream.range(0, n).mapToDouble(i -> (logs[i] - mean) * (logs[i] - mean)).sum() / (n - 1);
        double halfWidth = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2) * Math.sqrt(variance / n);
        double min = Math.exp(IntStream.range(0, n).mapToDouble(i -> logs[i]).min().orElseThrow());
        double max = Math.exp(IntStream.range(0, n).mapToDouble(i -> logs[i]).max().orElseThrow());
        return new RoundRatios(min, max, Math.exp(mean - halfWidth), Math.exp(mean + halfWidth));
    }

    private static int size(List<Double> rounds) {
        return rounds == null || rounds.stream().anyMatch(r -> r == null || r <= 0) ? 0 : rounds.size();
    }

    String describe() {
        return String.format("rounds %.2fx-%.2fx, their mean's %.0f%% interval %.2fx-%.2fx", min, max, CONFIDENCE * 100, low, high);
    }

    /** For a missed goal of at least {@code floor}: whether the whole interval lies below it. */
    String missBelow(double floor) {
        return high < floor ? String.format("beyond this run's noise: the interval ends below %.2fx", floor)
                : String.format("inside this run's noise: the interval reaches %.2fx", floor);
    }

    /** For a missed goal of lying within {@code from} and {@code to}: whether the whole interval lies outside. */
    String missOutside(double from, double to) {
        return high < from || low > to ? String.format("beyond this run's noise: the whole interval lies outside %.2fx-%.2fx", from, to)
                : String.format("inside this run's noise: the interval reaches %.2fx-%.2fx", from, to);
    }
}

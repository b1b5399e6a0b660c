package io.rocketcamel.benchmarks.report;

import org.HdrHistogram.Histogram;

/** Percentiles in milliseconds, from a histogram recorded in microseconds (3 significant digits). */
public record Latency(long count, double p50, double p99, double p999, double max) {

    public static final Latency NONE = new Latency(0, 0, 0, 0, 0);

    public static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(micros.getTotalCount(), millis(micros, 50), millis(micros, 99), millis(micros, 99.9),
                micros.getMaxValue() / 1000.0);
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}

package io.rocketcamel.benchmarks;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Percentiles in milliseconds, from a histogram recorded in microseconds (3 significant digits). */
record Latency(long count, double p50, double p99, double p999) {

    static Histogram recorder() {
        return new ConcurrentHistogram(3);
    }

    static void record(Histogram histogram, long startNanos) {
        histogram.recordValue(Math.max(1, (System.nanoTime() - startNanos) / 1000));
    }

    static Latency of(Histogram histogram) {
        return new Latency(histogram.getTotalCount(), millis(histogram, 50), millis(histogram, 99), millis(histogram, 99.9));
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}

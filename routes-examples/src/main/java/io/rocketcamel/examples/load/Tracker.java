package io.rocketcamel.examples.load;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Units of one load run: started, finished (with their latency), failed to start (the caller got an error) or still
 * in flight. A unit finishing twice (at-least-once delivery) counts once. Warm-up units (started inside
 * {@link #warmingUp(Runnable)}) count in the totals and in flight, but not in the measured figures.
 */
public final class Tracker {

    private final ConcurrentHashMap<String, Start> inFlight = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> warmingUp = ThreadLocal.withInitial(() -> false);
    private final LongAdder started = new LongAdder();
    private final LongAdder finished = new LongAdder();
    private final LongAdder warmUpStarted = new LongAdder();
    private final LongAdder warmUpFinished = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder startFailures = new LongAdder();
    private final Histogram all = new Histogram(3);
    private final Recorder recent = new Recorder(3);

    private record Start(long nanos, boolean warmUp) {
    }

    public void started(String key) {
        started(key, System.nanoTime());
    }

    /**
     * Started at {@code startNanos} ({@link System#nanoTime()}), registered now: for a unit whose key is known only
     * once it began (a committed change, named after the version it made).
     */
    public void started(String key, long startNanos) {
        boolean warmUp = warmingUp.get();
        inFlight.put(key, new Start(startNanos, warmUp));
        started.increment();
        if (warmUp) {
            warmUpStarted.increment();
        }
    }

    /** Finished now: its latency is the time since it started. */
    public void finished(String key) {
        Start start = inFlight.remove(key);
        if (start == null) {
            duplicates.increment();
            return;
        }
        record(start, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start.nanos()));
    }

    /** Finished with a latency of its own (a task's delivery error), in milliseconds. */
    public void finished(String key, long latencyMillis) {
        Start start = inFlight.remove(key);
        if (start == null) {
            duplicates.increment();
            return;
        }
        record(start, TimeUnit.MILLISECONDS.toMicros(Math.max(0, latencyMillis)));
    }

    /** Runs the start of a warm-up unit: the scenario registers it on this thread, as every scenario does. */
    void warmingUp(Runnable start) {
        warmingUp.set(true);
        try {
            start.run();
        } finally {
            warmingUp.set(false);
        }
    }

    /**
     * Its start failed after the scenario registered it: the caller got an error, so it is not lost, but it did not
     * run and will not finish. The scenario then throws, and the load run counts the failure.
     */
    public void failedToStart(String key) {
        inFlight.remove(key);
    }

    /** A unit whose start failed, registered or not. */
    void startFailed() {
        startFailures.increment();
    }

    private void record(Start start, long micros) {
        long value = Math.max(1, micros);
        if (!start.warmUp()) {
            synchronized (all) {
                all.recordValue(value);
            }
        } else {
            warmUpFinished.increment();
        }
        recent.recordValue(value);
        finished.increment();
    }

    /** Units started, warm-up included. */
    long started() {
        return started.sum();
    }

    /** Units finished, warm-up included. */
    long finished() {
        return finished.sum();
    }

    long measuredStarted() {
        return started.sum() - warmUpStarted.sum();
    }

    long measuredFinished() {
        return finished.sum() - warmUpFinished.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long startFailures() {
        return startFailures.sum();
    }

    long inFlight() {
        return inFlight.size();
    }

    /** The latencies recorded since the last call: one second of the timeline. */
    Histogram sinceLastInterval() {
        return recent.getIntervalHistogram();
    }

    /** The latencies of the measured units. */
    Histogram all() {
        synchronized (all) {
            return all.copy();
        }
    }
}

package io.rocketcamel.examples.load;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Units of one load run: started, finished (with their latency), failed to start (the caller got an error) or still
 * in flight. A unit finishing twice (at-least-once delivery) counts once.
 */
public final class Tracker {

    private final ConcurrentHashMap<String, Long> inFlight = new ConcurrentHashMap<>();
    private final LongAdder started = new LongAdder();
    private final LongAdder finished = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder startFailures = new LongAdder();
    private final Histogram all = new Histogram(3);
    private final Recorder recent = new Recorder(3);

    public void started(String key) {
        inFlight.put(key, System.nanoTime());
        started.increment();
    }

    /** Finished now: its latency is the time since it started. */
    public void finished(String key) {
        Long startedAt = inFlight.remove(key);
        if (startedAt == null) {
            duplicates.increment();
            return;
        }
        record(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedAt));
    }

    /** Finished with a latency of its own (a task's delivery error), in milliseconds. */
    public void finished(String key, long latencyMillis) {
        if (inFlight.remove(key) == null) {
            duplicates.increment();
            return;
        }
        record(TimeUnit.MILLISECONDS.toMicros(Math.max(0, latencyMillis)));
    }

    /** Its start failed: the caller got an error, so it is not lost, but it did not run. */
    public void failedToStart(String key) {
        if (inFlight.remove(key) != null) {
            startFailures.increment();
        }
    }

    /** A unit whose start failed before it was registered. */
    void startFailed() {
        startFailures.increment();
    }

    private void record(long micros) {
        long value = Math.max(1, micros);
        synchronized (all) {
            all.recordValue(value);
        }
        recent.recordValue(value);
        finished.increment();
    }

    long started() {
        return started.sum();
    }

    long finished() {
        return finished.sum();
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

    Histogram all() {
        synchronized (all) {
            return all.copy();
        }
    }
}

package io.rocketcamel.starter;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gauges' numbers from the brokers, read off the scraping thread: a scrape waits at most {@link #WAIT_MILLIS} for
 * a reading and otherwise reports the last one. A look-up against a hung name server or broker takes the admin
 * client's timeouts (seconds, several times over), which would stall the whole scrape, and with it every other
 * metric of the application, past a scraper's timeout (Prometheus: 10 s). Once a wait ran out, no reading waits for
 * {@link #SLOW_BROKERS_MILLIS}: a gauge per group and topic, each waiting its half second in turn, made a scrape of
 * a dozen groups take 12 s.
 */
final class BrokerReadings implements AutoCloseable {

    static final long WAIT_MILLIS = 500;
    /** An answer older than this (its next look-up still hangs) is no longer reported. */
    static final long MAX_AGE_MILLIS = 30_000;
    /** How long after a wait ran out the readings report what they have without waiting. */
    static final long SLOW_BROKERS_MILLIS = 5_000;

    @FunctionalInterface
    interface Query {
        long get() throws Exception;
    }

    private static final class Reading {
        volatile double value = Double.NaN;
        volatile long atMillis;
        CompletableFuture<Void> lookUp;
    }

    private final Map<String, Reading> readings = new ConcurrentHashMap<>();
    /** nanoTime of the last wait that ran out. */
    private volatile long lastWaitRanOut = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(SLOW_BROKERS_MILLIS) - 1;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService lookUps = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "rocketcamel-metrics-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /**
     * The query's latest answer, starting a look-up unless one is under way; NaN while the brokers cannot be asked
     * (the look-up failed, or none answered lately).
     *
     * @param key what the query reads, the same for every gauge reading it (a group's lag on a topic)
     */
    double read(String key, Query query) {
        Reading reading = readings.computeIfAbsent(key, k -> new Reading());
        CompletableFuture<Void> lookUp;
        synchronized (reading) {
            if (reading.lookUp == null || reading.lookUp.isDone()) {
                reading.lookUp = CompletableFuture.runAsync(() -> lookUp(reading, query), lookUps);
            }
            lookUp = reading.lookUp;
        }
        try {
            if (System.nanoTime() - lastWaitRanOut > TimeUnit.MILLISECONDS.toNanos(SLOW_BROKERS_MILLIS)) {
                lookUp.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException stillAsking) {
            // the last answer stands, while it is recent
            lastWaitRanOut = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // lookUp records its own failure
        }
        return System.currentTimeMillis() - reading.atMillis <= MAX_AGE_MILLIS ? reading.value : Double.NaN;
    }

    private static void lookUp(Reading reading, Query query) {
        double value;
        try {
            value = query.get();
        } catch (Exception e) {
            value = Double.NaN;
        }
        reading.value = value;
        reading.atMillis = System.currentTimeMillis();
    }

    @Override
    public void close() {
        lookUps.shutdownNow();
    }
}

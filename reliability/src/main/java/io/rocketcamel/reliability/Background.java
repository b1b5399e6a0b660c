package io.rocketcamel.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The orchestrator's threads for work that blocks: starting child JVMs, a producer's stream, and closing RocketMQ
 * clients, which takes about 3 s each, mostly sleeping, and so happens off the measured path (the run waits for all
 * of them once at its end). Not the common pool: it has one thread on two cores, and a stream queued behind client
 * shutdowns stalls.
 */
final class Background {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "reliability-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private static final List<CompletableFuture<Void>> PENDING = new ArrayList<>();

    private Background() {
    }

    static CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task, POOL);
    }

    static synchronized void close(Runnable shutdown) {
        PENDING.add(run(shutdown));
    }

    static void awaitAll(long seconds) {
        CompletableFuture<?>[] all;
        synchronized (Background.class) {
            all = PENDING.toArray(CompletableFuture[]::new);
            PENDING.clear();
        }
        try {
            CompletableFuture.allOf(all).get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("Some clients were still closing after " + seconds + " s: " + e);
        }
    }
}

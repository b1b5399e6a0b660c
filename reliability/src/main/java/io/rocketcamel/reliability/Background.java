package io.rocketcamel.reliability;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The orchestrator's threads for work that blocks: starting child JVMs and a producer's stream, and closing RocketMQ
 * clients, which takes about 3 s each, mostly sleeping, and so happens off the measured path; a run waits for the
 * closing once, at its end. Not the common pool: it has one thread on two cores, and a stream queued behind client
 * shutdowns stalled.
 */
final class Background {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService WORK = Executors.newCachedThreadPool(Background::daemon);
    private static final ExecutorService CLOSING = Executors.newCachedThreadPool(Background::daemon);

    private Background() {
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "reliability-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    static CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task, WORK);
    }

    static void close(Runnable shutdown) {
        CLOSING.execute(shutdown);
    }

    /** At the end of a run: waits for every client closing, and closes no more. */
    static void awaitClosed(long seconds) {
        CLOSING.shutdown();
        try {
            if (!CLOSING.awaitTermination(seconds, TimeUnit.SECONDS)) {
                System.err.println("Some RocketMQ clients were still closing after " + seconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

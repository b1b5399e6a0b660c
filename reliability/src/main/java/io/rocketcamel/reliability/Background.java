package io.rocketcamel.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * RocketMQ clients take about 3 s each to shut down, mostly sleeping: the orchestrator's own clients close here, off
 * the measured path, and the run waits for all of them once at its end.
 */
final class Background {

    private static final List<CompletableFuture<Void>> PENDING = new ArrayList<>();

    private Background() {
    }

    static synchronized void close(Runnable shutdown) {
        PENDING.add(CompletableFuture.runAsync(shutdown));
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

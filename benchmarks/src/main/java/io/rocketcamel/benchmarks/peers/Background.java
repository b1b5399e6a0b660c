package io.rocketcamel.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * RocketMQ clients take about 3 s each to shut down, mostly sleeping: they are closed here, off the measured path, and
 * waited for once, before the broker they talk to stops.
 */
public final class Background {

    private static final List<CompletableFuture<Void>> PENDING = new ArrayList<>();

    private Background() {
    }

    static synchronized void close(AutoCloseable closeable) {
        PENDING.add(CompletableFuture.runAsync(() -> {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("Closing " + closeable + " failed: " + e);
            }
        }));
    }

    public static void awaitAll(long seconds) {
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

package io.rocketcamel.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Closes things that take seconds to close (a RocketMQ client takes about 3 s, a CamelContext with clients as long)
 * in the background, so a test class does not spend minutes closing; {@link #await()} waits for all of them, at the
 * end of the class.
 */
public final class BackgroundClose {

    private static final ConcurrentLinkedQueue<CompletableFuture<Void>> CLOSING = new ConcurrentLinkedQueue<>();

    private BackgroundClose() {
    }

    public static void close(AutoCloseable closeable) {
        CLOSING.add(CompletableFuture.runAsync(() -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing " + closeable + " failed", e);
            }
        }));
    }

    /** Waits (at most two minutes) for everything closed so far. */
    public static void await() {
        List<CompletableFuture<Void>> all = new ArrayList<>(CLOSING);
        CLOSING.removeAll(all);
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(2, TimeUnit.MINUTES).join();
    }
}

package io.rocketcamel.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Closes things that take seconds to close in the background, so a test class does not spend minutes closing: a
 * raw RocketMQ client's shutdown may wait out its 3 s event poll, and a CamelContext's consumers let their exchanges
 * finish and confirm their offsets (the component's clients no longer wait out that poll). {@link #settle()}
 * at the end of a class reports what failed to close.
 */
public final class BackgroundClose {

    private static final ConcurrentLinkedQueue<CompletableFuture<Void>> CLOSING = new ConcurrentLinkedQueue<>();
    /** Closes still running at the last {@link #settle()}. */
    private static List<CompletableFuture<Void>> carried = List.of();

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

    /**
     * Waits (at most two minutes) for the closes still running at the previous call, which had a whole test class to
     * finish, and fails with the first close that failed; the closes begun since and still running are left to the
     * next call, so a class does not wait seconds at its end for its last context. Those of the run's last class are
     * not checked.
     */
    public static synchronized void settle() {
        List<CompletableFuture<Void>> checked = new ArrayList<>(carried);
        List<CompletableFuture<Void>> recent = new ArrayList<>();
        for (CompletableFuture<Void> closing; (closing = CLOSING.poll()) != null; ) {
            recent.add(closing);
        }
        carried = recent.stream().filter(closing -> !closing.isDone()).toList();
        recent.stream().filter(CompletableFuture::isDone).forEach(checked::add);
        CompletableFuture.allOf(checked.toArray(CompletableFuture[]::new)).orTimeout(2, TimeUnit.MINUTES).join();
    }
}

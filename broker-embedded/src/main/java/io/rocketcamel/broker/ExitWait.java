package io.rocketcamel.broker;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets the background teardown of a kept store's broker finish before its JVM ends. RocketMQ deletes its store's abort
 * marker last in its teardown, which runs on daemon threads; a JVM that exited first (a {@code main} that closed its
 * broker and returned, {@code System.exit}, or a Spring Boot app closing its context in its shutdown hook) left the
 * marker, and the next start on that store recovered the commit log as after a crash. A temporary store's is waited
 * for only when its broker is closed while the JVM exits: the store's own exit hook has emptied it by then, and the
 * teardown that deletes what the close writes again must finish before the JVM ends.
 */
final class ExitWait {

    private static final System.Logger LOG = System.getLogger(ExitWait.class.getName());
    /** RocketMQ's teardown waits out its services' intervals: 8 s on a quiet machine, 13-20 s measured under load. */
    static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Set<CompletableFuture<Void>> PENDING = ConcurrentHashMap.newKeySet();
    private static boolean hooked;

    private ExitWait() {
    }

    /**
     * The JVM's exit waits for this teardown, at most 30 s. When the JVM is already exiting (the broker is closed by a
     * shutdown hook, which runs beside this class's own), the caller waits instead.
     */
    static void beforeExit(CompletableFuture<Void> teardown) {
        pending(teardown);
        if (!hook()) {
            awaitPending();
        }
    }

    /** When the JVM is exiting, waits for this teardown, at most 30 s; otherwise returns at once. */
    static void awaitIfExiting(CompletableFuture<Void> teardown) {
        Thread probe = new Thread(() -> { }, "rocketcamel-broker-exit-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException exiting) {
            pending(teardown);
            awaitPending();
            return;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
    }

    private static void pending(CompletableFuture<Void> teardown) {
        PENDING.add(teardown);
        teardown.whenComplete((ignored, failure) -> PENDING.remove(teardown));
    }

    /** @return false when the JVM is exiting and hooks can no longer be added */
    private static synchronized boolean hook() {
        // A JVM that is exiting refuses new hooks: the one way to ask it whether it is.
        Thread hook = new Thread(ExitWait::awaitPending, "rocketcamel-broker-exit-wait");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            return false;
        }
        if (hooked) {
            Runtime.getRuntime().removeShutdownHook(hook); // one hook waits for all
        }
        hooked = true;
        return true;
    }

    private static void awaitPending() {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        for (CompletableFuture<Void> teardown : PENDING) {
            try {
                teardown.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (TimeoutException e) {
                LOG.log(Level.WARNING, "RocketMQ''s teardown did not finish within {0} s of the JVM''s exit; the next "
                        + "start on the store recovers it as after a crash", LIMIT.toSeconds());
                return;
            } catch (ExecutionException e) {
                // FastShutdown reports the failure; the wait is over either way
            }
        }
    }
}

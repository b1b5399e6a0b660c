package io.rocketcamel.component.rocketmq.transaction;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Transactions this client told the broker the outcome of a moment ago. The client sends an outcome one way: a
 * check-back the broker sent before the outcome reached it came after the transaction had ended here, the checker
 * answered COMMIT as well, and the message was stored twice (the broker does not tell a second commit of a half
 * message from the first). Such a check-back is answered UNKNOWN: once the outcome arrived the broker asks no more, and
 * an outcome that was lost is decided by the checker at the next check-back after {@link #WINDOW}.
 */
final class RecentlyEnded {

    /**
     * Long enough for an outcome in flight and a check-back queued behind others; short against the broker's checks
     * (15 at most by default, every 60 s; a development broker's every second leaves 10 of them).
     */
    static final Duration WINDOW = Duration.ofSeconds(5);

    private record Ended(String transactionId, long atNanos) {
    }

    /** The record itself as the value: a boxed time beside it would cost 16 bytes more a transaction. */
    private final Map<String, Ended> endedAt = new HashMap<>();
    private final Queue<Ended> inOrder = new ArrayDeque<>();
    private final long windowNanos;

    RecentlyEnded() {
        this(WINDOW);
    }

    RecentlyEnded(Duration window) {
        this.windowNanos = window.toNanos();
    }

    synchronized void ended(String transactionId) {
        long now = System.nanoTime();
        Ended ended = new Ended(transactionId, now);
        endedAt.put(transactionId, ended);
        inOrder.add(ended);
        Ended oldest = inOrder.peek();
        while (oldest != null && now - oldest.atNanos() > windowNanos) {
            inOrder.poll();
            endedAt.remove(oldest.transactionId(), oldest);
            oldest = inOrder.peek();
        }
    }

    synchronized boolean contains(String transactionId) {
        Ended ended = endedAt.get(transactionId);
        return ended != null && System.nanoTime() - ended.atNanos() <= windowNanos;
    }
}

package io.rocketcamel.component.rocketmq.transaction;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Transaction ids held for a while: each is let go once older than the window, the oldest first when more than the
 * limit are held.
 */
final class RecentIds {

    private record Added(String id, long atNanos) {
    }

    /** The record itself as the value: a boxed time beside it would cost 16 bytes more an id. */
    private final Map<String, Added> addedAt = new HashMap<>();
    private final Queue<Added> inOrder = new ArrayDeque<>();
    private final long windowNanos;
    private final int limit;

    RecentIds(Duration window, int limit) {
        this.windowNanos = window.toNanos();
        this.limit = limit;
    }

    synchronized void add(String id) {
        long now = System.nanoTime();
        Added added = new Added(id, now);
        addedAt.put(id, added);
        inOrder.add(added);
        Added oldest = inOrder.peek();
        while (oldest != null && (now - oldest.atNanos() > windowNanos || inOrder.size() > limit)) {
            inOrder.poll();
            addedAt.remove(oldest.id(), oldest);
            oldest = inOrder.peek();
        }
    }

    synchronized boolean contains(String id) {
        Added added = addedAt.get(id);
        return added != null && System.nanoTime() - added.atNanos() <= windowNanos;
    }
}

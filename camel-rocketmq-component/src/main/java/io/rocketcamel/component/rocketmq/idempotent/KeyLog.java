package io.rocketcamel.component.rocketmq.idempotent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.rocketcamel.component.rocketmq.internal.HomeQueueSelector.QueuePlace;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * One instance's view of the repository topic, rebuilt from its first record, queue by queue in queue order. Every
 * instance reads the same records of a queue in the same order and applies the same rules, so all of them agree on
 * who owns a key: the first live claim in the key's queue. An instance learns whether its own claim won by reading the
 * queue up to that claim. Only what a queue holds decides about its keys (the size bound and the expiry are counted per
 * queue and in store time), so the interleaving of queues, which differs between instances, changes nothing. A record
 * is applied only in its place, right after the one before it: the client's reader may hand over records again, or
 * past some it never delivered (around a seek), and applied as they came, an instance let a claim win that lost in the
 * others' views.
 */
final class KeyLog {

    static final String ADD = "add";
    static final String CONFIRM = "confirm";
    static final String REMOVE = "remove";
    static final String CLEAR = "clear";
    /** Names the queues keys are spread over, one {@code broker.queueId} a line: the first one of a queue counts. */
    static final String LAYOUT = "layout";
    /** The user property naming the record's writer and request. */
    static final String CLAIM = "rocketcamelClaim";
    /** On a remove record: it removes the key only while this claim owns it (the release of a failed add). */
    static final String RELEASES = "rocketcamelReleases";
    /**
     * On an add record: the claim is pending until confirmed, and another claim takes the key over this many
     * milliseconds (of store time) after it, when it is still unconfirmed. Written by the claimer, so that every reader
     * judges a claim by the same timeout. Claims without it are final when they win.
     */
    static final String PENDING_FOR = "rocketcamelPendingFor";
    /** On a confirm record: the claim it confirms. */
    static final String CONFIRMS = "rocketcamelConfirms";

    /** What reading a record decided: its claim or its change applied, refused, or the key held by a pending claim. */
    enum Decision {
        APPLIED, REFUSED, IN_PROGRESS
    }

    /** Where a record stood in its queue: next (applied), read before, or ahead of records not read yet (not applied). */
    enum Place {
        NEXT, READ, AHEAD
    }

    /**
     * A live key: who claimed it, when the broker stored the claim, and for a pending claim how long it holds the key
     * unconfirmed (0 for a final claim).
     */
    private record Owner(String claim, long storeTimestamp, long pendingForMillis) {

        boolean pending() {
            return pendingForMillis > 0;
        }

        boolean abandoned(long now) {
            return pending() && now - storeTimestamp >= pendingForMillis;
        }
    }

    private final int maxKeysPerQueue;
    private final long expireAfterMillis;
    /** By queue: its broker and its id (each broker numbers its queues of a topic from 0). */
    private final Map<String, LinkedHashMap<String, Owner>> queues = new HashMap<>();
    private final Map<String, Long> nextOffsets = new HashMap<>();
    /** By queue: the first readable layout record in it. */
    private final Map<String, List<QueuePlace>> layouts = new HashMap<>();
    private final Map<String, CompletableFuture<Decision>> waiting = new ConcurrentHashMap<>();

    /**
     * @param expireAfterMillis 0 for keys that never expire
     */
    KeyLog(int maxKeysPerQueue, long expireAfterMillis) {
        this.maxKeysPerQueue = maxKeysPerQueue;
        this.expireAfterMillis = expireAfterMillis;
    }

    /** Completes with what reading the record decided: whether the claim won (add) or the change was applied. */
    CompletableFuture<Decision> await(String claim) {
        return waiting.computeIfAbsent(claim, c -> new CompletableFuture<>());
    }

    void forget(String claim) {
        waiting.remove(claim);
    }

    /** Where the queue's reading begins: its first record's offset (0 until the broker deleted older records). */
    synchronized void startAt(String brokerName, int queueId, long offset) {
        nextOffsets.put(queue(brokerName, queueId), offset);
    }

    /** Applies the record when it is its queue's next; the caller reads the queue again from the next when it is ahead. */
    synchronized Place apply(MessageExt record) {
        String queue = queue(record.getBrokerName(), record.getQueueId());
        long next = nextOffsets.getOrDefault(queue, 0L);
        if (record.getQueueOffset() != next) {
            return record.getQueueOffset() < next ? Place.READ : Place.AHEAD;
        }
        LinkedHashMap<String, Owner> keys = queues.computeIfAbsent(queue, q -> new LinkedHashMap<>());
        String key = new String(record.getBody(), StandardCharsets.UTF_8);
        String claim = record.getUserProperty(CLAIM);
        Decision decided = Decision.APPLIED;
        switch (String.valueOf(record.getTags())) {
            case ADD -> decided = claim(keys, key, claim, record.getStoreTimestamp(), pendingFor(record));
            case CONFIRM -> confirm(keys, key, record.getUserProperty(CONFIRMS));
            case REMOVE -> remove(keys, key, record.getUserProperty(RELEASES));
            case CLEAR -> keys.clear();
            case LAYOUT -> layout(key).ifPresent(places -> layouts.putIfAbsent(queue, places));
            default -> decided = Decision.REFUSED;
        }
        nextOffsets.put(queue, record.getQueueOffset() + 1);
        if (claim != null) {
            CompletableFuture<Decision> decision = waiting.remove(claim);
            if (decision != null) {
                decision.complete(decided);
            }
        }
        return Place.NEXT;
    }

    /** The queues a layout record names; empty for one that names none or is not of this format. */
    private static Optional<List<QueuePlace>> layout(String body) {
        List<QueuePlace> places = new ArrayList<>();
        for (String line : body.split("\n")) {
            Optional<QueuePlace> place = QueuePlace.parse(line);
            if (place.isEmpty()) {
                return Optional.empty();
            }
            places.add(place.get());
        }
        return places.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(places));
    }

    /** The queues named by the first layout record read in the queue, if any. */
    synchronized Optional<List<QueuePlace>> layoutIn(QueuePlace queue) {
        return Optional.ofNullable(layouts.get(queue(queue.brokerName(), queue.queueId())));
    }

    private static long pendingFor(MessageExt record) {
        String millis = record.getUserProperty(PENDING_FOR);
        return millis == null ? 0 : Long.parseLong(millis);
    }

    /** A final claim holds the key; a pending one until it is confirmed, or taken over once it has been pending too long. */
    private Decision claim(LinkedHashMap<String, Owner> keys, String key, String claim, long storeTimestamp,
            long pendingForMillis) {
        Owner owner = keys.get(key);
        if (owner != null && !expired(owner, storeTimestamp) && !owner.abandoned(storeTimestamp)) {
            return owner.pending() ? Decision.IN_PROGRESS : Decision.REFUSED;
        }
        keys.remove(key);
        keys.put(key, new Owner(claim, storeTimestamp, pendingForMillis));
        Iterator<Owner> oldest = keys.values().iterator();
        while (keys.size() > maxKeysPerQueue) {
            oldest.next();
            oldest.remove();
        }
        return Decision.APPLIED;
    }

    /** Only the claim that owns the key: a confirm of a claim taken over meanwhile changes nothing. */
    private static void confirm(LinkedHashMap<String, Owner> keys, String key, String confirmed) {
        Owner owner = keys.get(key);
        if (owner != null && owner.claim().equals(confirmed)) {
            // same key: its place among the oldest claims stays
            keys.put(key, new Owner(owner.claim(), owner.storeTimestamp(), 0));
        }
    }

    private static void remove(LinkedHashMap<String, Owner> keys, String key, String released) {
        Owner owner = keys.get(key);
        if (owner != null && (released == null || released.equals(owner.claim()))) {
            keys.remove(key);
        }
    }

    private boolean expired(Owner owner, long now) {
        return expireAfterMillis > 0 && now - owner.storeTimestamp() >= expireAfterMillis;
    }

    /** Whether the key is owned, as far as this instance has read; expiry and abandonment counted by this host's clock. */
    boolean contains(String key) {
        return owned(key) != Decision.APPLIED;
    }

    /**
     * What a claim of the key would meet, as far as this instance has read: a final claim ({@code REFUSED}), a pending
     * one ({@code IN_PROGRESS}), or none ({@code APPLIED}); expiry and abandonment counted by this host's clock.
     */
    synchronized Decision owned(String key) {
        for (LinkedHashMap<String, Owner> keys : queues.values()) {
            Owner owner = keys.get(key);
            if (owner != null) {
                long now = System.currentTimeMillis();
                if (expired(owner, now) || owner.abandoned(now)) {
                    return Decision.APPLIED;
                }
                return owner.pending() ? Decision.IN_PROGRESS : Decision.REFUSED;
            }
        }
        return Decision.APPLIED;
    }

    /** The offset after the last record read from the queue, 0 before the first. */
    synchronized long nextOffset(String brokerName, int queueId) {
        return nextOffsets.getOrDefault(queue(brokerName, queueId), 0L);
    }

    private static String queue(String brokerName, int queueId) {
        return brokerName + "/" + queueId;
    }

    synchronized int size() {
        return queues.values().stream().mapToInt(Map::size).sum();
    }
}

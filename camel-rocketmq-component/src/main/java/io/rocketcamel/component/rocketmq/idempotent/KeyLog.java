package io.rocketcamel.component.rocketmq.idempotent;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.rocketmq.common.message.MessageExt;

/**
 * One instance's view of the repository topic, rebuilt from its first record, queue by queue in queue order. Every
 * instance reads the same records of a queue in the same order and applies the same rules, so all of them agree on
 * who owns a key: the first live claim in the key's queue. An instance learns whether its own claim won by reading the
 * queue up to that claim. Only what a queue holds decides about its keys (the size bound and the expiry are counted per
 * queue and in store time), so the interleaving of queues, which differs between instances, changes nothing.
 */
final class KeyLog {

    static final String ADD = "add";
    static final String REMOVE = "remove";
    static final String CLEAR = "clear";
    /** The user property naming the record's writer and request. */
    static final String CLAIM = "rocketcamelClaim";
    /** On a remove record: it removes the key only while this claim owns it (the release of a failed add). */
    static final String RELEASES = "rocketcamelReleases";

    /** A live key: who claimed it, when the broker stored the claim. */
    private record Owner(String claim, long storeTimestamp) {
    }

    private final int maxKeysPerQueue;
    private final long expireAfterMillis;
    /** By queue: its broker and its id (each broker numbers its queues of a topic from 0). */
    private final Map<String, LinkedHashMap<String, Owner>> queues = new HashMap<>();
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private final Map<String, CompletableFuture<Boolean>> waiting = new ConcurrentHashMap<>();

    /**
     * @param expireAfterMillis 0 for keys that never expire
     */
    KeyLog(int maxKeysPerQueue, long expireAfterMillis) {
        this.maxKeysPerQueue = maxKeysPerQueue;
        this.expireAfterMillis = expireAfterMillis;
    }

    /** Completes with whether the claim won (for add) or was applied (remove, clear) once it is read. */
    CompletableFuture<Boolean> await(String claim) {
        return waiting.computeIfAbsent(claim, c -> new CompletableFuture<>());
    }

    void forget(String claim) {
        waiting.remove(claim);
    }

    synchronized void apply(MessageExt record) {
        String queue = queue(record.getBrokerName(), record.getQueueId());
        LinkedHashMap<String, Owner> keys = queues.computeIfAbsent(queue, q -> new LinkedHashMap<>());
        String key = new String(record.getBody(), StandardCharsets.UTF_8);
        String claim = record.getUserProperty(CLAIM);
        boolean applied = true;
        switch (String.valueOf(record.getTags())) {
            case ADD -> applied = claim(keys, key, claim, record.getStoreTimestamp());
            case REMOVE -> remove(keys, key, record.getUserProperty(RELEASES));
            case CLEAR -> keys.clear();
            default -> applied = false;
        }
        nextOffsets.put(queue, record.getQueueOffset() + 1);
        if (claim != null) {
            CompletableFuture<Boolean> decision = waiting.remove(claim);
            if (decision != null) {
                decision.complete(applied);
            }
        }
    }

    private boolean claim(LinkedHashMap<String, Owner> keys, String key, String claim, long storeTimestamp) {
        Owner owner = keys.get(key);
        if (owner != null && !expired(owner, storeTimestamp)) {
            return false;
        }
        keys.remove(key);
        keys.put(key, new Owner(claim, storeTimestamp));
        Iterator<Owner> oldest = keys.values().iterator();
        while (keys.size() > maxKeysPerQueue) {
            oldest.next();
            oldest.remove();
        }
        return true;
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

    /** Whether the key is owned, as far as this instance has read; expiry counted by this host's clock. */
    synchronized boolean contains(String key) {
        for (LinkedHashMap<String, Owner> keys : queues.values()) {
            Owner owner = keys.get(key);
            if (owner != null) {
                return !expired(owner, System.currentTimeMillis());
            }
        }
        return false;
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

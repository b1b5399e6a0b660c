package io.rocketcamel.component.rocketmq.idempotent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes that failed, kept until they are stored. Camel removes the key of a failed exchange, and a remove fails when
 * the broker cannot take it, often for the reason the exchange failed: the key then stayed claimed, the message's
 * redelivery found it taken and was skipped as a duplicate, and the message was never processed. Each is retried every
 * second, and an add of its key in this instance completes it first, or fails (so the message comes again later).
 */
final class UnfinishedRemoves implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedRemoves.class);
    private static final long RETRY_SECONDS = 1;

    /** Writes a remove record and waits to read it back; throws when it cannot. */
    @FunctionalInterface
    interface Remover {
        void remove(String key, String released);
    }

    /** One key's remove; its instance is also the lock that lets one thread at a time complete it. */
    private record Remove(String released) {
    }

    private final String topic;
    private final Remover remover;
    private final Map<String, Remove> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries;

    UnfinishedRemoves(String topic, Remover remover) {
        this.topic = topic;
        this.remover = remover;
        this.retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "RocketMQIdempotentRepository-removes-" + topic);
            thread.setDaemon(true);
            return thread;
        });
        retries.scheduleWithFixedDelay(this::retry, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * @param released the claim the remove releases (a failed add's), or null for any owner's, which also covers a
     *                 pending release of one claim: kept instead of it, the key stayed with another exchange's claim
     */
    void failed(String key, String released) {
        pending.merge(key, new Remove(released), (pendingRemove, next) -> next.released() == null ? next : pendingRemove);
    }

    /** A remove of the key was stored since. */
    void done(String key) {
        pending.remove(key);
    }

    /** Completes the key's unfinished remove, if it has one, before the key is added again; throws when it fails. */
    void finish(String key) {
        Remove remove = pending.get(key);
        if (remove == null) {
            return;
        }
        synchronized (remove) {
            if (pending.get(key) == remove) {
                remover.remove(key, remove.released());
                pending.remove(key, remove);
            }
        }
    }

    /** Every key each round: one that keeps failing must not hold up the others. */
    private void retry() {
        for (String key : pending.keySet()) {
            try {
                finish(key);
            } catch (RuntimeException stillRefused) {
                LOG.debug("The remove of key {} on topic {} failed again: {}", key, topic, stillRefused.toString());
            }
        }
    }

    int size() {
        return pending.size();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        if (!pending.isEmpty()) {
            LOG.warn("Idempotent repository topic {} stops with {} key(s) whose remove was not stored; their messages'"
                     + " redeliveries are skipped as duplicates until the keys are removed or expire: {}", topic,
                    pending.size(), pending.keySet());
        }
    }
}

package io.rocketcamel.component.rocketmq.consumer.offsets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.rocketmq.client.consumer.store.OffsetSerializeWrapper;
import org.apache.rocketmq.client.consumer.store.OffsetStore;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broadcasting consumer's offsets in one JSON file of a chosen directory. The client's own local store takes its
 * directory from a JVM-wide system property read once (defaulting to the home directory), so it cannot give each
 * consumer its own place. Messages the consumer is still retrying hold their queue's stored offset at them: the client
 * moves a queue's offset past a broadcast message whatever its outcome, and without the hold a stop or a crash during
 * the retries would lose it. A queue the file does not know yet gets its starting offset decided here, as the client
 * would (consumeFromWhere), and written at once: the client itself writes broadcast offsets only every few seconds and
 * only for queues it consumed from, so a node stopped hard before then came back with no file and started at the end
 * of the queues again, skipping everything sent while it was down.
 */
public class DirectoryOffsetStore implements OffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryOffsetStore.class);

    private final Path file;
    private final StartOffsets startOffsets;
    private final ConcurrentMap<MessageQueue, AtomicLong> offsets = new ConcurrentHashMap<>();
    /** Per queue, the offsets held and how many holds each has; guarded by itself. */
    private final Map<MessageQueue, TreeMap<Long, Integer>> holds = new HashMap<>();
    /**
     * The file named queues when the consumer started: the node read the topic before. consumeFromWhere is where a new
     * node starts; a queue this node's file does not name was added to the topic since it last ran, so everything in
     * it came after: it starts at the queue's start. (A queue of a broker that was away for all of the node's earlier
     * runs is read from its start too: its older messages again, rather than none of those sent while the node was
     * down.)
     */
    private volatile boolean resumed;

    /** Where a node with no stored offset for a queue starts on it; -1 leaves the decision to the client. */
    @FunctionalInterface
    public interface StartOffsets {
        long startOffset(MessageQueue mq) throws Exception;
    }

    public DirectoryOffsetStore(Path file, StartOffsets startOffsets) {
        this.file = file;
        this.startOffsets = startOffsets;
    }

    @Override
    public void load() {
        Map<MessageQueue, AtomicLong> stored = readFile();
        offsets.putAll(stored);
        resumed = !stored.isEmpty();
    }

    @Override
    public void updateOffset(MessageQueue mq, long offset, boolean increaseOnly) {
        AtomicLong current = offsets.computeIfAbsent(mq, q -> new AtomicLong(offset));
        current.accumulateAndGet(offset, (old, next) -> increaseOnly ? Math.max(old, next) : next);
    }

    /** The broker refused the offset: see {@link RecreatedQueues}. */
    @Override
    public void updateAndFreezeOffset(MessageQueue mq, long offset) {
        AtomicLong current = offsets.get(mq);
        offset = RecreatedQueues.correct(mq, current == null ? -1 : current.get(), offset, file);
        updateOffset(mq, offset, false);
    }

    @Override
    public long readOffset(MessageQueue mq, ReadOffsetType type) {
        AtomicLong inMemory = offsets.get(mq);
        if (inMemory != null && type != ReadOffsetType.READ_FROM_STORE) {
            return inMemory.get();
        }
        if (type == ReadOffsetType.READ_FROM_MEMORY) {
            return -1;
        }
        AtomicLong stored = readFile().get(mq);
        if (stored == null) {
            return storeStartOffset(mq);
        }
        updateOffset(mq, stored.get(), false);
        return stored.get();
    }

    private long storeStartOffset(MessageQueue mq) {
        long start;
        try {
            start = resumed ? 0 : startOffsets.startOffset(mq);
        } catch (Exception e) {
            // the client's rebalance asks again on its next round (every 20 s, sooner on a route change)
            LOG.warn("Cannot find where broadcast consumption of {} starts: {}", mq, e.getMessage());
            return -2;
        }
        if (start >= 0) {
            updateOffset(mq, start, false);
            persistAll(Set.of(mq));
        }
        return start;
    }

    /** Keeps the stored offset of the queue at or below {@code offset} until {@link #release} is called for it. */
    public void hold(MessageQueue mq, long offset) {
        synchronized (holds) {
            holds.computeIfAbsent(mq, q -> new TreeMap<>()).merge(offset, 1, Integer::sum);
        }
    }

    public void release(MessageQueue mq, long offset) {
        synchronized (holds) {
            TreeMap<Long, Integer> held = holds.get(mq);
            if (held != null && held.merge(offset, -1, Integer::sum) == 0) {
                held.remove(offset);
                if (held.isEmpty()) {
                    holds.remove(mq);
                }
            }
        }
    }

    @Override
    public synchronized void persistAll(Set<MessageQueue> mqs) {
        OffsetSerializeWrapper wrapper = new OffsetSerializeWrapper();
        offsets.forEach((mq, offset) -> wrapper.getOffsetTable().put(mq, new AtomicLong(heldOffset(mq, offset.get()))));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, wrapper.toJson(true), StandardCharsets.UTF_8);
            // on disk before it replaces the last one: a crash must not leave an empty file under the lasting name
            try (FileChannel written = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write broadcast consumer offsets to " + file, e);
        }
        forceDirectory(file.getParent());
    }

    /**
     * The rename is written in the directory, not in the file: until the directory is on disk a power loss can undo
     * it, and undo a node's first file, so that the node starts again from consumeFromWhere.
     */
    private static void forceDirectory(Path directory) {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            // Windows opens no directory as a file: Java has no way there to force one
            LOG.debug("Cannot open {} to force it to disk: {}", directory, e.toString());
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot force " + directory + " to disk after writing its offsets", e);
        }
    }

    @Override
    public void persist(MessageQueue mq) {
        persistAll(Set.of(mq));
    }

    /**
     * Keeps the offset. The client calls this when a queue leaves the node's assignment (a broker of the cluster
     * restarting, fewer readable queues) and again right before it reads a returning queue's offset from the file;
     * every write rewrites the file from memory, so a removed queue vanished from it and came back at consumeFromWhere,
     * skipping what it held meanwhile. RocketMQ's own local store keeps such queues in its file too.
     */
    @Override
    public void removeOffset(MessageQueue mq) {
        // nothing to do: see above
    }

    @Override
    public Map<MessageQueue, Long> cloneOffsetTable(String topic) {
        Map<MessageQueue, Long> copy = new ConcurrentHashMap<>();
        offsets.forEach((mq, offset) -> {
            if (topic == null || topic.isBlank() || topic.equals(mq.getTopic())) {
                copy.put(mq, offset.get());
            }
        });
        return copy;
    }

    @Override
    public void updateConsumeOffsetToBroker(MessageQueue mq, long offset, boolean isOneway) {
        // broadcast offsets are local only
    }

    private long heldOffset(MessageQueue mq, long offset) {
        synchronized (holds) {
            TreeMap<Long, Integer> held = holds.get(mq);
            return held == null ? offset : Math.min(offset, held.firstKey());
        }
    }

    private Map<MessageQueue, AtomicLong> readFile() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read broadcast consumer offsets from " + file, e);
        }
        // an unknown position must not make the node a new one, which starts at consumeFromWhere (the end, by default)
        String unknown = "this node's offsets are unknown. Restore the file, or move it away to start the node afresh"
                         + " from consumeFromWhere";
        if (json.isBlank()) {
            throw new IllegalStateException("Broadcast offset file " + file + " is empty (a write cut short): " + unknown);
        }
        OffsetSerializeWrapper wrapper;
        try {
            wrapper = OffsetSerializeWrapper.fromJson(json, OffsetSerializeWrapper.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Broadcast offset file " + file + " cannot be read (" + e.getMessage() + "): "
                                            + unknown, e);
        }
        // the wrapper starts with an empty table: a file without one (another tool's, a hand edit) read as a new node
        if (wrapper == null || wrapper.getOffsetTable() == null || !hasOffsetTable(json)) {
            throw new IllegalStateException("Broadcast offset file " + file + " holds no offset table: " + unknown);
        }
        return wrapper.getOffsetTable();
    }

    /** Looked for in the text: the file's keys are queues written as objects, which no plain JSON reader takes. */
    private static boolean hasOffsetTable(String json) {
        return json.contains("\"offsetTable\"");
    }
}

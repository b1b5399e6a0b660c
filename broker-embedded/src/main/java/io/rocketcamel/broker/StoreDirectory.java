package io.rocketcamel.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.rocketmq.store.MessageStore;

/**
 * Where the name server and brokers keep everything they write; a temporary one is deleted on close, and at the latest
 * by the next temporary store created after its JVM ended ({@link TemporaryStores}).
 */
final class StoreDirectory {

    private static final System.Logger LOG = System.getLogger(StoreDirectory.class.getName());

    // the builder's storeDir, the runner's --store, the starter's store-dir: named so that each reads it
    private static final String CHOOSE = "choose a directory the broker can create and write, or leave the store"
                                         + " directory unset for a temporary one";

    private final Path root;
    private final boolean temporary;
    /** A temporary directory's message stores, whose files are under it. */
    private final List<MessageStore> messageStores = new CopyOnWriteArrayList<>();

    private StoreDirectory(Path root, boolean temporary) {
        this.root = root;
        this.temporary = temporary;
    }

    static StoreDirectory prepare(Path requested) {
        if (requested == null) {
            try {
                return new StoreDirectory(TemporaryStores.create(), true);
            } catch (IOException e) {
                throw new EmbeddedBrokerException("Cannot create a temporary store directory under "
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
        }
        Path root = requested.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new EmbeddedBrokerException("Store directory " + root + " is a file, not a directory: " + CHOOSE);
        }
        try {
            Files.createDirectories(root);
        } catch (IOException | SecurityException e) {
            throw unwritable(root, e);
        }
        // createDirectories succeeds on an existing read-only directory, and root ignores permissions: probe.
        try {
            Files.delete(Files.createTempFile(root, ".write-probe", ""));
        } catch (IOException | SecurityException e) {
            throw unwritable(root, e);
        }
        return new StoreDirectory(root, false);
    }

    private static EmbeddedBrokerException unwritable(Path root, Exception cause) {
        return new EmbeddedBrokerException("Store directory " + root + " is not writable (" + cause
                + "): " + CHOOSE,
                cause);
    }

    boolean temporary() {
        return temporary;
    }

    Path root() {
        return root;
    }

    Path resolve(String child) {
        return root.resolve(child);
    }

    /** Its broker was closed; the teardown that deletes a temporary store has begun. */
    void closing() {
        if (temporary) {
            TemporaryStores.closing(root);
        }
    }

    /** A broker's message store under this directory, to destroy with a temporary one. */
    void holds(MessageStore messageStore) {
        if (temporary) {
            messageStores.add(messageStore);
        }
    }

    /**
     * RocketMQ's shutdown leaves a message store's files mapped, and a deleted file that is still mapped keeps its disk
     * space until a GC collects its buffer: a long-lived JVM (a test suite, the benchmarks) held GBs of closed stores,
     * and pushed the disk towards the ratios at which RocketMQ cleans up or refuses messages. Destroying the stores,
     * once they are shut down, unmaps each file as it deletes it.
     */
    void deleteIfTemporary() {
        if (temporary) {
            for (MessageStore messageStore : messageStores) {
                try {
                    messageStore.destroy();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "Could not unmap the files of a closed store under " + root, e);
                }
            }
            messageStores.clear();
            TemporaryStores.delete(root);
        }
    }

    static void deleteRecursively(Path dir) {
        deleteRecursively(dir, path -> true);
    }

    /** Deletes the files {@code which} accepts, and every directory emptied by that. */
    static void deleteRecursively(Path dir, Predicate<Path> which) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (which.test(file)) {
                        Files.deleteIfExists(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    try (Stream<Path> left = Files.list(d)) {
                        if (left.findAny().isEmpty()) {
                            Files.deleteIfExists(d);
                        }
                    } catch (NoSuchFileException deletedMeanwhile) {
                        // by another sweep
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}

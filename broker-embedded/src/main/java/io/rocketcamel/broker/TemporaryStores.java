package io.rocketcamel.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary stores that do not outlive their JVM. close() lets RocketMQ's teardown finish on daemon threads and deletes
 * the store after it, so a JVM that exits first, or one killed with {@code kill -9}, used to leave its store behind
 * (a benchmark left 11 GB; 396 of them filled a disk until the broker refused writes).
 * <ul>
 * <li>Each temporary store holds an exclusive lock on its {@value #OWNER_LOCK} for as long as its JVM lives; the
 * operating system releases it when the JVM ends, however it ends.</li>
 * <li>At exit, a JVM deletes what its temporary stores hold. A store whose broker was closed but is still tearing down
 * (RocketMQ's teardown runs on daemon threads that go on during shutdown hooks) is given up to
 * as long as a kept store's ({@link ExitWait#LIMIT}; it takes 8 s on a quiet machine and passed 10 s, the earlier
 * bound, on a loaded one, then wrote a checkpoint into the emptied store), then deleted with it; one whose broker is
 * still running, or still tearing down after that, keeps its lock file (its threads may still write a file) and is
 * left to the next sweep. One already deleted is deleted
 * again if it came back: a client still running after its broker closed may have written its offsets there.</li>
 * <li>RocketMQ's log directory of a JVM whose first broker had a temporary store, {@code rocketcamel-logs-*}, is
 * owned the same way and deleted at exit.</li>
 * <li>Creating a temporary store first sweeps the temporary directory: a {@code rocketcamel-broker-*} or
 * {@code rocketcamel-logs-*} directory whose
 * lock file can be locked belongs to no living JVM and is deleted. One without a lock file, or with an empty one (its
 * owner has not locked it yet), is left alone.</li>
 * </ul>
 */
final class TemporaryStores {

    private static final String PREFIX = "rocketcamel-broker-";
    private static final String LOG_PREFIX = "rocketcamel-logs-";
    private static final String OWNER_LOCK = ".owner.lock";
    private static final System.Logger LOG = System.getLogger(TemporaryStores.class.getName());
    private static final Map<Path, Owned> OWNED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TemporaryStores::emptyOwnedStores, "rocketcamel-broker-store-cleanup"));
    }

    private TemporaryStores() {
    }

    /** Sweeps abandoned stores, then creates a new one in {@code java.io.tmpdir} that this JVM owns until it ends. */
    static Path create() throws IOException {
        return create(PREFIX, false);
    }

    /**
     * A directory for RocketMQ's log that this JVM owns until it ends, as its temporary stores: the log must outlive
     * every store (it names why a start failed after that start deleted its store), and a JVM logs to one directory.
     */
    static Path createLogDirectory() throws IOException {
        return create(LOG_PREFIX, true);
    }

    private static Path create(String prefix, boolean deleteAtExit) throws IOException {
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        sweepAbandoned(parent);
        Path root = Files.createTempDirectory(parent, prefix);
        FileChannel lock = FileChannel.open(root.resolve(OWNER_LOCK), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        // Blocking: a sweeper may hold it for a moment; it leaves a lock file alone while it is empty.
        lock.lock();
        lock.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        OWNED.put(root, new Owned(lock, deleteAtExit));
        return root;
    }

    /** Its broker was closed: the teardown that ends in {@link #delete(Path)} has begun. */
    static void closing(Path root) {
        Owned owned = OWNED.get(root);
        if (owned != null) {
            owned.closing = true;
        }
    }

    /** Deletes a store this JVM owns, the lock file last. */
    static void delete(Path root) {
        emptyAllButLock(root);
        Owned owned = OWNED.get(root);
        if (owned != null) {
            owned.deleted = true;
            closeQuietly(owned.lock);
        }
        StoreDirectory.deleteRecursively(root);
    }

    private static void sweepAbandoned(Path parent) {
        try (DirectoryStream<Path> stores = Files.newDirectoryStream(parent, "{" + PREFIX + "," + LOG_PREFIX + "}*")) {
            for (Path store : stores) {
                if (!OWNED.containsKey(store) && abandoned(store)) {
                    deleteAbandoned(store);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Could not sweep abandoned embedded broker stores in " + parent + ": " + e);
        }
    }

    private static boolean abandoned(Path store) {
        Path lockFile = store.resolve(OWNER_LOCK);
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null && channel.size() > 0;
        } catch (OverlappingFileLockException | NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Cannot tell whether " + store + " is abandoned: " + e);
            return false;
        }
    }

    private static void deleteAbandoned(Path store) {
        try {
            StoreDirectory.deleteRecursively(store);
            LOG.log(Level.INFO, "Deleted the temporary store {0} left by a JVM that ended", store);
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "Could not delete the abandoned temporary store " + store + ": " + e);
        }
    }

    private static void emptyOwnedStores() {
        awaitTeardowns();
        OWNED.forEach((root, owned) -> {
            try {
                if (owned.deleted || owned.deleteAtExit) {
                    StoreDirectory.deleteRecursively(root);
                } else {
                    emptyAllButLock(root);
                }
            } catch (UncheckedIOException e) {
                // a file in use where the platform refuses to delete it: the next sweep deletes it
            }
        });
    }

    private static void awaitTeardowns() {
        long deadline = System.nanoTime() + ExitWait.LIMIT.toNanos();
        while (tearingDown() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (tearingDown()) {
            LOG.log(Level.WARNING, "RocketMQ''s teardown did not finish within {0} s of the JVM''s exit; its temporary"
                    + " store is emptied now, and a file it writes after that is deleted by the next sweep",
                    ExitWait.LIMIT.toSeconds());
        }
    }

    private static boolean tearingDown() {
        return OWNED.values().stream().anyMatch(owned -> owned.closing && !owned.deleted);
    }

    private static void emptyAllButLock(Path root) {
        StoreDirectory.deleteRecursively(root, path -> !path.getFileName().toString().equals(OWNER_LOCK));
    }

    private static void closeQuietly(FileChannel lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing a store's owner lock: " + e);
        }
    }

    /**
     * The lock that marks a directory as this JVM's, whether it goes entirely at exit (a log directory: nothing of it
     * runs after the JVM) and whether a store was deleted after its broker's teardown.
     */
    private static final class Owned {

        final FileChannel lock;
        final boolean deleteAtExit;
        volatile boolean closing;
        volatile boolean deleted;

        Owned(FileChannel lock, boolean deleteAtExit) {
            this.lock = lock;
            this.deleteAtExit = deleteAtExit;
        }
    }
}

package io.rocketcamel.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where the name server and brokers keep everything they write; a temporary one is deleted on close, and at the latest
 * by the next temporary store created after its JVM ended ({@link TemporaryStores}).
 */
final class StoreDirectory {

    private final Path root;
    private final boolean temporary;

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
                + "): choose a directory the broker can create and write, or leave storeDir unset for a temporary one",
                cause);
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

    void deleteIfTemporary() {
        if (temporary) {
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

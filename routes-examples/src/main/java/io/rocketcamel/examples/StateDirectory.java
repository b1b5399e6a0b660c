package io.rocketcamel.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where an example keeps state that must live exactly as long as the offsets stored beside it (the CDC example's
 * Debezium offsets and local servers' data, the config nodes' config and broadcast offsets). A configured directory
 * survives restarts; without one, a temporary directory is deleted on close, so the state and the offsets go together.
 */
public final class StateDirectory implements AutoCloseable {

    private final Path dir;
    private final boolean temporary;

    /** {@code example} names the temporary directory and the error when the directory cannot be made. */
    public StateDirectory(String configured, String example) {
        try {
            this.temporary = configured == null || configured.isBlank();
            this.dir = temporary ? Files.createTempDirectory("rocketcamel-" + example + "-")
                    : Files.createDirectories(Path.of(configured));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the " + example + " example's state directory " + configured, e);
        }
    }

    /** A directory inside, created if needed. */
    public Path directory(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir.resolve(name), e);
        }
    }

    /** Deleted on close: the state lasts as long as the application. */
    public boolean isTemporary() {
        return temporary;
    }

    public Path path() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing the shutdown for
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}

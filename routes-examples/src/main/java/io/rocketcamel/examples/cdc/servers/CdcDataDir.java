package io.rocketcamel.examples.cdc.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the CDC example keeps its state: Debezium's offsets and the data of the local servers it runs. A configured
 * directory survives restarts (the offsets must live as long as the database whose log they point into); without
 * one, a temporary directory is deleted on close, after the servers in it have stopped.
 */
public final class CdcDataDir implements AutoCloseable {

    private final Path dir;
    private final boolean temporary;

    public CdcDataDir(String configured) {
        try {
            this.temporary = configured == null || configured.isBlank();
            this.dir = temporary ? Files.createTempDirectory("rocketcamel-cdc-") : Files.createDirectories(Path.of(configured));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the CDC data directory " + configured, e);
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

package io.rocketcamel.reliability.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * What a sender or consumer process did, one tab-separated line per event, each written to the file (the page cache)
 * before the event completes: a process killed with {@code kill -9} leaves every line of what it finished.
 */
public final class RecordFile implements AutoCloseable {

    private final OutputStream out;

    public RecordFile(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + file, e);
        }
    }

    /** Microseconds since the epoch: one clock for every process on the machine. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    public synchronized void append(Object... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            line.append(String.valueOf(fields[i]).replace('\t', ' ').replace('\n', ' '));
        }
        line.append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record " + line, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}

package io.rocketcamel.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Another JVM started for a measurement, in a temporary directory of its own that is its working directory and is
 * deleted after it was killed. Its output is read to the end (a full pipe would stall it) and watched for one marker.
 */
final class ChildJvm implements AutoCloseable {

    private static final int KEPT_LINES = 15;

    private final Path dir;
    private final Process process;
    private final String marker;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Void> firstLine = new CompletableFuture<>();
    private final CompletableFuture<String> markerLine = new CompletableFuture<>();

    private ChildJvm(Path dir, Process process, String marker) {
        this.dir = dir;
        this.process = process;
        this.marker = marker;
        Thread reader = new Thread(this::read, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** @param command the command line, given the child's directory */
    static ChildJvm start(Function<Path, List<String>> command, String marker) throws IOException {
        Path dir = Files.createTempDirectory("rocketcamel-child");
        try {
            Process process = new ProcessBuilder(command.apply(dir)).directory(dir.toFile()).redirectErrorStream(true).start();
            return new ChildJvm(dir, process, marker);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    long pid() {
        return process.pid();
    }

    /** Waits for its first line of output: by then the JVM has set up its signal handlers and may be attached to. */
    void awaitOutput(Duration timeout) throws InterruptedException {
        await(firstLine, timeout, "no output");
    }

    /** @return the marker and the rest of the first line that holds it */
    String awaitMarker(Duration timeout) throws InterruptedException {
        return await(markerLine, timeout, "no line with '" + marker + "'");
    }

    private <T> T await(CompletableFuture<T> line, Duration timeout, String missing) throws InterruptedException {
        try {
            return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(missing + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException(missing + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void read() {
        try (BufferedReader reader = process.inputReader()) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
                firstLine.complete(null);
                int at = line.indexOf(marker);
                if (at >= 0) {
                    markerLine.complete(line.substring(at));
                }
            }
        } catch (IOException e) {
            // the stream closes under the reader when the child is killed: what it printed so far is all there is
        }
        IllegalStateException ended = new IllegalStateException("its output ended, " + exitStatus());
        firstLine.completeExceptionally(ended);
        markerLine.completeExceptionally(ended);
    }

    private String exitStatus() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "exit code unknown";
        }
    }

    /** The last lines it printed, for a failure's report. */
    List<String> lastLines() {
        synchronized (lastLines) {
            return new ArrayList<>(lastLines);
        }
    }

    /** Kills it: nothing it holds is kept, and a graceful stop (20 s and more for the examples app) measures nothing. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Child JVM " + process.pid() + " still running 30 s after it was killed; left " + dir);
        }
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}

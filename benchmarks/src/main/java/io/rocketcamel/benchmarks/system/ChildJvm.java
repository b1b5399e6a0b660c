package io.rocketcamel.benchmarks.system;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Another JVM started for a measurement, in a temporary directory of its own that is its working directory and is
 * deleted after it was killed. Its output is read to the end (a full pipe would stall it) and kept, so the caller can
 * wait for a line that marks a stage.
 */
public final class ChildJvm implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private ChildJvm(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
        Thread reader = new Thread(this::read, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** @param command the command line, given the child's directory */
    public static ChildJvm start(Function<Path, List<String>> command) throws IOException {
        Path dir = Files.createTempDirectory("rocketcamel-child");
        try {
            Process process = new ProcessBuilder(command.apply(dir)).directory(dir.toFile()).redirectErrorStream(true).start();
            return new ChildJvm(dir, process);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /**
     * A class path for a child, whose working directory is its own: each entry made absolute (started as {@code java
     * -jar benchmarks/target/...}, ours is relative to the directory we were started in).
     */
    public static String classPath(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * @return the first line that holds {@code marker}, from the marker on
     * @throws IllegalStateException when the output ended or the timeout passed first
     */
    public synchronized String awaitLine(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int seen = 0; ; ) {
            for (; seen < lines.size(); seen++) {
                int at = lines.get(seen).indexOf(marker);
                if (at >= 0) {
                    return lines.get(seen).substring(at);
                }
            }
            if (ended) {
                throw new IllegalStateException("no line with '" + marker + "': its output ended, " + exitStatus()
                        + (lines.isEmpty() ? "" : ", last: " + lines.get(lines.size() - 1)));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("no line with '" + marker + "' within " + timeout.toSeconds() + " s");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void read() {
        try (BufferedReader reader = process.inputReader()) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the stream closes under the reader when the child is killed: what it printed so far is all there is
        }
        synchronized (this) {
            ended = true;
            notifyAll();
        }
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
    public synchronized List<String> lastLines(int count) {
        return new ArrayList<>(lines.subList(Math.max(0, lines.size() - count), lines.size()));
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

package io.rocketcamel.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A main class of this JVM's classpath started in a JVM of its own, for tests that {@code kill -9} it: it is killed
 * or stopped only through the {@link Process} started here (its PID), never by name. Its output goes to a log file
 * (appended, so a restart adds to it); {@link #start} returns once it printed a line starting with the ready prefix.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String readyLine;

    private ChildJvm(Process process, Path log, String readyLine) {
        this.process = process;
        this.log = log;
        this.readyLine = readyLine;
    }

    /**
     * @throws EmbeddedBrokerException with the end of its output when it exits, or prints no ready line in time
     */
    public static ChildJvm start(List<String> jvmOptions, String mainClass, List<String> args, Path log,
            String readyPrefix, Duration readyTimeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(currentClasspath());
        command.add(mainClass);
        command.addAll(args);
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + mainClass + " " + args, e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread copier = new Thread(() -> copyOutput(process, log, readyPrefix, ready), "child-output-" + process.pid());
        copier.setDaemon(true);
        copier.start();
        String what = mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + args;
        try {
            return new ChildJvm(process, log, ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmbeddedBrokerException("Interrupted while waiting for " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new EmbeddedBrokerException(what + " printed no '" + readyPrefix.trim() + "' line within "
                    + readyTimeout.toSeconds() + " s (" + (e.getCause() != null ? e.getCause().getMessage() : "still running")
                    + "); its output: " + tail(log), e);
        }
    }

    /**
     * The classpath of this JVM: surefire and failsafe report a forked test JVM's real one in
     * {@code surefire.test.class.path} (its {@code java.class.path} may be a manifest-only jar).
     */
    public static String currentClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void copyOutput(Process process, Path log, String readyPrefix, CompletableFuture<String> ready) {
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8);
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.println(line);
                out.flush();
                if (line.startsWith(readyPrefix)) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // the pipe closes under the reader when the child is killed: what it printed so far is in the log
        }
        ready.completeExceptionally(new IllegalStateException("it exited"));
    }

    /** The last lines of its log, for an error message. */
    public String tail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The first line it printed that starts with the ready prefix. */
    public String readyLine() {
        return readyLine;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** {@code kill -9} (SIGKILL) of this process only; returns once it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, then waits for the exit. @return its exit code (143 for a JVM that ran its shutdown hooks) */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Waits for it to exit by itself. @return its exit code */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                throw new EmbeddedBrokerException("Process " + pid() + " did not exit within " + timeout.toSeconds()
                        + " s; killed it. Its output: " + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmbeddedBrokerException("Interrupted while waiting for process " + pid(), e);
        }
    }

    /** Kills it if it still runs: for {@code finally} blocks, so that no child outlives a failed test. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}

package io.rocketcamel.broker;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Another JVM started by a test or a measurement: a main class of this JVM's classpath, or any command (another jar),
 * optionally in a temporary directory of its own that is its working directory and is deleted when it is closed. It
 * is killed or stopped only through the {@link Process} started here (its PID), never by name. Its output is read to
 * the end (a full pipe would stall it) and goes to a log file (appended, so a restart adds to it); {@link #start}
 * returns once it printed a line starting with the ready prefix, and {@link #awaitLineWith} waits for later stages.
 */
public final class ChildJvm implements AutoCloseable {

    private static final int TAIL_LINES = 10;
    /** A line a stack trace begins with: a throwable's class name, then its message. */
    private static final Pattern THROWABLE = Pattern.compile("[\\w$.]+(Exception|Error)(: |$)");

    private final Process process;
    private final Path log;
    private final Path ownDirectory;
    private final String what;
    /** What it printed, for {@link #awaitLineWith}; guarded by this. */
    private final List<String> lines = new ArrayList<>();
    private boolean ended;
    private volatile String readyLine;

    private ChildJvm(Process process, Path log, Path ownDirectory, String what) {
        this.process = process;
        this.log = log;
        this.ownDirectory = ownDirectory;
        this.what = what;
    }

    /**
     * A JVM running {@code mainClass} on this JVM's class path; it ends when this JVM ends ({@link ChildMain}).
     *
     * @throws EmbeddedBrokerException with the end of its output when it exits, or prints no ready line in time
     */
    public static ChildJvm start(List<String> jvmOptions, String mainClass, List<String> args, Path log,
            String readyPrefix, Duration readyTimeout) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(currentClasspath());
        command.add(ChildMain.class.getName());
        command.add(mainClass);
        command.addAll(args);
        String what = mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + args;
        return start(command, null, log, null, what, readyPrefix, readyTimeout);
    }

    /**
     * Any command, run in a new temporary directory that is deleted when this is closed; its output goes to
     * {@code output.log} there.
     *
     * @param command     the command line, given the child's directory
     * @param readyPrefix null to return once it started, for a child whose every line may be shared with the JVM's own
     *                    output (see {@link #awaitLineWith})
     * @throws EmbeddedBrokerException with the end of its output when it exits, or prints no ready line in time
     */
    public static ChildJvm startInOwnDirectory(Function<Path, List<String>> command, String readyPrefix, Duration readyTimeout) {
        Path dir;
        try {
            dir = Files.createTempDirectory("rocketcamel-child");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for a child JVM", e);
        }
        try {
            List<String> line = command.apply(dir);
            return start(line, dir, dir.resolve("output.log"), dir, String.join(" ", line), readyPrefix, readyTimeout);
        } catch (RuntimeException e) {
            StoreDirectory.deleteRecursively(dir);
            throw e;
        }
    }

    private static ChildJvm start(List<String> command, Path workingDirectory, Path log, Path ownDirectory, String what,
            String readyPrefix, Duration readyTimeout) {
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + what, e);
        }
        ChildJvm child = new ChildJvm(process, log, ownDirectory, what);
        Thread copier = new Thread(child::copyOutput, "child-output-" + process.pid());
        copier.setDaemon(true);
        copier.start();
        if (readyPrefix == null) {
            return child;
        }
        try {
            child.readyLine = child.awaitLine(line -> line.startsWith(readyPrefix) ? line : null, readyTimeout);
            return child;
        } catch (RuntimeException e) {
            // read before close, which deletes a log kept in the child's own directory
            String output = tail(log);
            child.close();
            throw new EmbeddedBrokerException(what + " printed no '" + readyPrefix.trim() + "' line within "
                    + readyTimeout.toSeconds() + " s (" + e.getMessage() + "); its output: " + output, e);
        }
    }

    /** The path of this JVM's {@code java} launcher. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath of this JVM, each entry made absolute so that a child in a directory of its own finds it (started as
     * {@code java -jar benchmarks/target/...}, ours is relative to the directory we were started in). Surefire and
     * failsafe report a forked test JVM's real one in {@code surefire.test.class.path} (its {@code java.class.path} may
     * be a manifest-only jar).
     */
    public static String currentClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void copyOutput() {
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8);
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.println(line);
                out.flush();
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the pipe closes under the reader when the child is killed: what it printed so far is in the log
        }
        synchronized (this) {
            ended = true;
            notifyAll();
        }
    }

    /**
     * Waits for a line that holds {@code marker} anywhere: the JVM's own output (such as {@code -XX:+PrintCompilation})
     * may share the line with what the child printed.
     *
     * @return the first such line, from the marker on
     * @throws EmbeddedBrokerException when its output ended or the timeout passed first, with the end of its output
     */
    public String awaitLineWith(String marker, Duration timeout) {
        try {
            return awaitLine(line -> line.contains(marker) ? line.substring(line.indexOf(marker)) : null, timeout);
        } catch (RuntimeException e) {
            throw new EmbeddedBrokerException(what + " printed no line with '" + marker + "' (" + e.getMessage()
                    + "); its output: " + tail(log), e);
        }
    }

    private synchronized String awaitLine(Function<String, String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    String found = match.apply(lines.get(seen));
                    if (found != null) {
                        return found;
                    }
                }
                if (ended) {
                    throw new IllegalStateException("its output ended, " + exitStatus());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("not within " + timeout.toSeconds() + " s, still running");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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

    /** The last lines of its log, for an error message. */
    public String tail() {
        return tail(log);
    }

    /**
     * The last lines, and before them the first line that begins a failure when it is not among them: a child that
     * died of an exception printed its stack trace last, whose last lines name neither the exception nor its message.
     */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            int from = Math.max(0, lines.size() - TAIL_LINES);
            String last = String.join(" | ", lines.subList(from, lines.size()));
            return lines.subList(0, from).stream().filter(ChildJvm::beginsAFailure).findFirst()
                    .map(first -> "first failure: " + first + " | ... | " + last).orElse(last);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static boolean beginsAFailure(String line) {
        return line.startsWith("Exception in thread ") || THROWABLE.matcher(line).lookingAt();
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

    /**
     * {@code kill -9} (SIGKILL) of this process only; returns once it is gone.
     *
     * @throws EmbeddedBrokerException when it had already exited: the kill a fault test meant to inject killed nothing
     */
    public void kill() {
        if (!process.isAlive()) {
            throw new EmbeddedBrokerException("Process " + pid() + " had already exited with code "
                    + process.exitValue() + " before its kill. Its output: " + tail());
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * SIGSTOP: the process stays and keeps its sockets open, but nothing in it runs or answers until {@link #resume}
     * (a hung node: its peers see their requests time out, not a closed connection). {@link #close} kills it as well.
     */
    public void suspend() {
        signal("STOP");
    }

    /** SIGCONT after {@link #suspend}: it runs on where it stopped. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (!process.isAlive()) {
            throw new EmbeddedBrokerException("Process " + pid() + " had already exited with code "
                    + process.exitValue() + " before SIG" + signal + ". Its output: " + tail());
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new EmbeddedBrokerException("kill -" + signal + " " + pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run kill -" + signal + " " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedBrokerException("Interrupted while sending SIG" + signal + " to process " + pid(), e);
        }
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

    /**
     * Kills it if it still runs (for {@code finally} blocks, so that no child outlives a failed test, and because a
     * graceful stop measures nothing), then deletes its own directory, if it has one.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        if (ownDirectory != null) {
            StoreDirectory.deleteRecursively(ownDirectory);
        }
    }
}

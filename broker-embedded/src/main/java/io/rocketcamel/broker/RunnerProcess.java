package io.rocketcamel.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The standalone runner started as a child process, for tests that kill a name server or a broker with
 * {@code kill -9}: it is killed or stopped only through the {@link Process} this class started (its PID), never by
 * name. Its output goes to a log file; {@link #start} returns once the runner printed its ready line.
 *
 * <pre>{@code
 * try (RunnerProcess namesrv = RunnerProcess.start(List.of("--namesrv-only", "--port", "0"), dir.resolve("ns.log"));
 *      RunnerProcess broker = RunnerProcess.start(List.of("--namesrv", namesrv.namesrvAddr()), dir.resolve("b.log"))) {
 *     broker.kill();   // SIGKILL
 * }
 * }</pre>
 */
public final class RunnerProcess implements AutoCloseable {

    /**
     * Small heap, C1 only and no TLS key generation (RocketMQ's default "permissive" TLS makes every server generate
     * an RSA key at start, seconds on a busy machine, though no client here uses TLS).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dtls.server.mode=disabled");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final String readyLine;

    private RunnerProcess(Process process, Path log, String readyLine) {
        this.process = process;
        this.log = log;
        this.readyLine = readyLine;
    }

    /** Starts the runner with {@link #DEFAULT_JVM_OPTIONS} on this JVM's classpath. */
    public static RunnerProcess start(List<String> runnerArgs, Path log) {
        return start(DEFAULT_JVM_OPTIONS, runnerArgs, log);
    }

    /**
     * @param log where the child's standard output and error go (appended, so a restart adds to it)
     * @throws EmbeddedBrokerException with the end of its output when it exits or prints no ready line within 90 s
     */
    public static RunnerProcess start(List<String> jvmOptions, List<String> runnerArgs, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(currentClasspath());
        command.add(EmbeddedRocketMQRunner.class.getName());
        command.addAll(runnerArgs);
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread copier = new Thread(() -> copyOutput(process, log, ready), "runner-output-" + process.pid());
        copier.setDaemon(true);
        copier.start();
        try {
            return new RunnerProcess(process, log, ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmbeddedBrokerException("Interrupted while waiting for the runner " + runnerArgs, e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new EmbeddedBrokerException("The runner " + runnerArgs + " printed no ready line within "
                    + READY_TIMEOUT.toSeconds() + " s (" + (e.getCause() != null ? e.getCause().getMessage() : "still running")
                    + "); its output: " + tail(log), e);
        }
    }

    /**
     * A port for {@code --broker-port} whose companions are free too: the broker listens on N, N-2 (fast port) and
     * N+1 (HA port). Free when this returns; another process may still take it before the broker binds it.
     */
    public static int freeBrokerPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = probe.getLocalPort();
                if (port > 1026 && port < 65535 && bindable(port - 2) && bindable(port + 1)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open a probe socket on the loopback address", e);
            }
        }
        throw new EmbeddedBrokerException("Found no free port N with N-2 and N+1 free in 50 attempts");
    }

    /** A free port on the loopback address, e.g. for a name server that must come back on the same address. */
    public static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a probe socket on the loopback address", e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The classpath of this JVM: surefire and failsafe report a forked test JVM's real one in
     * {@code surefire.test.class.path} (its {@code java.class.path} may be a manifest-only jar).
     */
    public static String currentClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<String> ready) {
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8);
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.println(line);
                out.flush();
                if (line.startsWith("READY ")) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // the pipe closes under the reader when the child is killed: what it printed so far is in the log
        }
        ready.completeExceptionally(new IllegalStateException("it exited"));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The ready line, e.g. {@code READY namesrv=127.0.0.1:9876 broker=broker-a:0:ASYNC_MASTER@127.0.0.1:10911 pid=42}. */
    public String readyLine() {
        return readyLine;
    }

    /** The name server address clients use, from the ready line. */
    public String namesrvAddr() {
        return token("namesrv").get(0);
    }

    /** The brokers this process runs, from the ready line. */
    public List<RunningBroker> brokers() {
        return token("broker").stream().map(RunningBroker::parse).toList();
    }

    private List<String> token(String key) {
        return Arrays.stream(readyLine.split(" ")).filter(t -> t.startsWith(key + "="))
                .map(t -> t.substring(key.length() + 1)).toList();
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

    /** SIGTERM: the runner persists its state and stops cleanly. @return its exit code (143 after SIGTERM) */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    private int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedBrokerException("Runner process " + pid() + " did not exit within " + timeout.toSeconds()
                        + " s; killed it");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmbeddedBrokerException("Interrupted while waiting for runner process " + pid(), e);
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

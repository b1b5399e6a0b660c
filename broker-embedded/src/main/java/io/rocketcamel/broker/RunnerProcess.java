package io.rocketcamel.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The standalone runner started as a child process ({@link ChildJvm}), for tests that kill a name server or a broker
 * with {@code kill -9}; {@link #start} returns once the runner printed its ready line, whose addresses it reads.
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
     * A small heap, and C1 only: a development node starts and idles, and C2 compiling on two cores delays it. Direct
     * memory is capped apart from the heap: a broker's threads that store messages take up to about 500 MiB of it once
     * its pools are full (see the embedded broker's start-up warning), more than a 256 MiB heap's default cap; it is a
     * cap, taken only as used.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:MaxDirectMemorySize=2g",
            "-XX:TieredStopAtLevel=1");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final ChildJvm jvm;

    private RunnerProcess(ChildJvm jvm) {
        this.jvm = jvm;
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
        return new RunnerProcess(ChildJvm.start(jvmOptions, EmbeddedRocketMQRunner.class.getName(), runnerArgs, log,
                "READY ", READY_TIMEOUT));
    }

    /** The ready line, e.g. {@code READY namesrv=127.0.0.1:9876 broker=broker-a:0:ASYNC_MASTER@127.0.0.1:10911 pid=42}. */
    public String readyLine() {
        return jvm.readyLine();
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
        return Arrays.stream(jvm.readyLine().split(" ")).filter(t -> t.startsWith(key + "="))
                .map(t -> t.substring(key.length() + 1)).toList();
    }

    public long pid() {
        return jvm.pid();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    public Path log() {
        return jvm.log();
    }

    /** {@code kill -9} (SIGKILL) of this process only; returns once it is gone. */
    public void kill() {
        jvm.kill();
    }

    /** SIGSTOP: a hung node, still registered and connected, answering nothing until {@link #resume}. */
    public void suspend() {
        jvm.suspend();
    }

    /** SIGCONT after {@link #suspend}. */
    public void resume() {
        jvm.resume();
    }

    /** SIGTERM: the runner persists its state and stops cleanly. @return its exit code (143 after SIGTERM) */
    public int stop(Duration timeout) {
        return jvm.stop(timeout);
    }

    /** Kills it if it still runs: for {@code finally} blocks, so that no child outlives a failed test. */
    @Override
    public void close() {
        jvm.close();
    }
}

package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** What a failed start, or a closed temporary store, leaves behind in a JVM that goes on. */
@Execution(ExecutionMode.CONCURRENT) // each case waits on child JVMs of its own
class FailedStartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** The children's logs, outside the directories the tests inspect; kept when a test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path logs;

    /**
     * The JVM-wide log directory was the first broker's {@code <store>/logs}: deleted with a temporary store, so the
     * log named in start errors was gone, and every later broker of the JVM logged into a deleted file.
     */
    @Test
    void theLogFileExistsAfterAFailedStartAndForALaterBroker(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ChildJvm failed = child(tmp, "fail-on-port", Integer.toString(taken.getLocalPort()))) {
            assertThat(failed.readyLine()).endsWith("exists=true");
        }
        try (ChildJvm second = child(tmp, "second-broker")) {
            assertThat(second.readyLine()).endsWith("exists=true");
        }
    }

    /**
     * A broker whose start failed was torn down without stopping RocketMQ's leaked non-daemon scheduler
     * ({@link LeakedScheduler}), so a JVM that caught the failure and returned from main never ended.
     */
    @Test
    void aJvmThatCatchesAFailedStartAndReturnsEnds(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ChildJvm failed = child(tmp, "fail-on-port", Integer.toString(taken.getLocalPort()))) {
            assertThat(failed.readyLine()).startsWith("READY ");
            assertThat(failed.awaitExit(Duration.ofSeconds(30))).isZero();
        }
    }

    private ChildJvm child(Path tmp, String... args) {
        return ChildJvm.start(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp),
                FailedStartChild.class.getName(), List.of(args),
                logs.resolve(args[0] + ".log"), "READY ", PATIENCE);
    }
}

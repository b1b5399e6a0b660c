package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A temporary store must not outlive its JVM: close() finishes RocketMQ's teardown in the background, so a JVM that
 * exits right after it, or one killed with {@code kill -9}, used to leave its store (up to GBs) in the temp directory.
 */
@Execution(ExecutionMode.CONCURRENT) // each case waits on its own child JVM and temporary directory
class TemporaryStoreIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** The children's logs, outside the directories the tests inspect; kept when a test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path logs;

    @Test
    void aJvmWhoseMainReturnsAfterCloseEndsAndLeavesNothing(@TempDir Path tmp) {
        try (ChildJvm child = child(tmp, "close-and-return")) {
            // RocketMQ's teardown ends its own threads, but one it leaves running kept such a JVM alive for good
            assertThat(child.awaitExit(Duration.ofSeconds(40))).isZero();
        }
        assertThat(filesUnder(tmp)).as("files left in java.io.tmpdir").isEmpty();
    }

    @Test
    void aJvmThatExitsRightAfterCloseLeavesNoStoreData(@TempDir Path tmp) {
        try (ChildJvm child = child(tmp, "close-and-exit")) {
            assertThat(child.awaitExit(PATIENCE)).isZero();
        }
        assertThat(filesUnder(tmp)).as("files left in java.io.tmpdir").allMatch(TemporaryStoreIT::isOwnerLock);
    }

    /**
     * The store's exit hook ran beside the application's, which closed the broker later (a Spring Boot app stops its
     * routes first): the hook emptied the store of a broker still running, whose close then wrote its config files
     * again, and the JVM ended before the teardown that deletes them (found by an outside audit with the examples app
     * and SIGTERM; failed first here).
     */
    @Test
    void aJvmThatClosesItsBrokerLateInAShutdownHookLeavesNoStoreData(@TempDir Path tmp) {
        try (ChildJvm child = child(tmp, "exit-closing-late-in-hook")) {
            assertThat(child.awaitExit(PATIENCE)).isZero();
        }
        assertThat(filesUnder(tmp)).as("files left in java.io.tmpdir").allMatch(TemporaryStoreIT::isOwnerLock);
    }

    @ParameterizedTest
    @ValueSource(strings = {"close-and-exit", "exit-closing-in-hook"})
    void aKeptStoreOfAJvmThatExitsRightAfterCloseIsLeftStoppedCleanly(String mode, @TempDir Path tmp) {
        Path kept = tmp.resolve("kept");
        try (ChildJvm child = child(tmp, mode, kept.toString())) {
            assertThat(child.awaitExit(PATIENCE)).isZero();
        }
        // RocketMQ deletes its abort marker last when its store shuts down; a start that finds it recovers the
        // commit log as after a crash
        assertThat(filesUnder(kept)).as("the kept store's files").isNotEmpty()
                .noneMatch(f -> f.getFileName().toString().equals("abort"));
    }

    @Test
    void theNextTemporaryStoreRemovesTheStoresOfJvmsThatAreGone(@TempDir Path tmp) {
        try (ChildJvm killed = child(tmp, "serve")) {
            killed.kill();
        }
        assertThat(stores(tmp)).hasSize(1);
        assertThat(filesUnder(tmp)).as("a killed JVM's store keeps its data").anyMatch(f -> !isOwnerLock(f));

        try (ChildJvm next = child(tmp, "serve")) {
            Path own = Path.of(next.readyLine().substring("READY store=".length()));
            assertThat(stores(tmp)).containsExactly(own);
        }
    }

    private ChildJvm child(Path tmp, String... args) {
        return ChildJvm.start(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp),
                TemporaryStoreChild.class.getName(), List.of(args),
                logs.resolve(args[0] + ".log"),
                "READY ", PATIENCE);
    }

    private static boolean isOwnerLock(Path file) {
        return file.getFileName().toString().equals(".owner.lock");
    }

    private static List<Path> stores(Path tmp) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("rocketcamel-broker-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> filesUnder(Path tmp) {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

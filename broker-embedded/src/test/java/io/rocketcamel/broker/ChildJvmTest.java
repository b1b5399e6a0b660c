package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aChildInItsOwnDirectoryFindsOurClassesIsAwaitedStageByStageAndItsDirectoryGoesWithIt() throws Exception {
        AtomicReference<Path> directory = new AtomicReference<>();
        try (ChildJvm child = ChildJvm.startInOwnDirectory(dir -> {
            directory.set(dir);
            return List.of(ChildJvm.java(), "-cp", ChildJvm.currentClasspath(), Stages.class.getName());
        }, "HELLO", TIMEOUT)) {
            assertThat(child.readyLine()).isEqualTo("HELLO from " + directory.get().toRealPath());
            assertThat(child.awaitLineWith("RESULT", TIMEOUT)).isEqualTo("RESULT 42");
            assertThat(child.log()).startsWith(directory.get());
            assertThat(Files.readAllLines(child.log())).contains("[interleaved] RESULT 42");
        }
        assertThat(directory.get()).doesNotExist();
    }

    /** A fault test that kills a process which had already died killed nothing: its kill says so. */
    @Test
    void theKillOfAChildThatAlreadyExitedFailsNamingItsExit() {
        try (ChildJvm child = ChildJvm.startInOwnDirectory(dir -> List.of(ChildJvm.java(), "-cp",
                ChildJvm.currentClasspath(), Stages.class.getName()), "HELLO", TIMEOUT)) {
            assertThat(child.awaitExit(TIMEOUT)).isZero();
            assertThatThrownBy(child::kill).isInstanceOf(EmbeddedBrokerException.class)
                    .hasMessageContaining("had already exited with code 0 before its kill")
                    .hasMessageContaining("[interleaved] RESULT 42");
        }
    }

    @Test
    void aLineThatNeverComesFailsWithTheChildsOutputAndNoChildOrDirectoryIsLeft() {
        AtomicReference<Path> directory = new AtomicReference<>();
        assertThatThrownBy(() -> ChildJvm.startInOwnDirectory(dir -> {
            directory.set(dir);
            return List.of(ChildJvm.java(), "-cp", ChildJvm.currentClasspath(), Stages.class.getName());
        }, "NEVER", TIMEOUT)).isInstanceOf(EmbeddedBrokerException.class)
                .hasMessageContaining("printed no 'NEVER' line").hasMessageContaining("its output ended, exit code 0")
                .hasMessageContaining("[interleaved] RESULT 42");
        assertThat(directory.get()).doesNotExist();
    }

    /**
     * A child that died of an exception printed its stack trace last: the error named only the trace's last lines
     * (seen: a reliability consumer's failed start, "... 20 more | Caused by: ... send request failed"), not the
     * exception that ended it.
     */
    @Test
    void aChildThatDiesOfAnExceptionIsReportedWithTheExceptionsFirstLine() {
        assertThatThrownBy(() -> ChildJvm.startInOwnDirectory(dir -> List.of(ChildJvm.java(), "-cp",
                ChildJvm.currentClasspath(), DiesDeep.class.getName()), "NEVER", TIMEOUT))
                .isInstanceOf(EmbeddedBrokerException.class).hasMessageContaining("exit code 1")
                .hasMessageContaining("first failure: Exception in thread \"main\" java.lang.IllegalStateException: the"
                                      + " route did not start")
                .hasMessageContaining("Caused by: java.lang.RuntimeException: send request failed");
    }

    @Test
    void theClasspathGivenToChildrenIsAbsolute() {
        assertThat(ChildJvm.currentClasspath().split(File.pathSeparator)).allSatisfy(entry -> assertThat(Path.of(entry)).isAbsolute());
    }

    /** A child whose main fails 20 calls deep, so that its stack trace is longer than the lines an error quotes. */
    public static final class DiesDeep {
        public static void main(String[] args) {
            fail(20);
        }

        private static void fail(int depth) {
            if (depth == 0) {
                throw new IllegalStateException("the route did not start", new RuntimeException("send request failed"));
            }
            fail(depth - 1);
        }
    }

    /**
     * A child whose parent ends ends too: a fault scenario or test killed before it closed its children left them
     * running, re-parented, holding their ports and stores.
     */
    @Test
    void aChildEndsWhenTheJvmThatStartedItEnds(@TempDir Path logs) throws Exception {
        ProcessHandle grandchild;
        try (ChildJvm parent = ChildJvm.start(List.of("-Xmx64m"), StartsAChild.class.getName(),
                List.of(logs.resolve("grandchild.log").toString()), logs.resolve("parent.log"), "GRANDCHILD",
                TIMEOUT)) {
            grandchild = ProcessHandle.of(Long.parseLong(parent.readyLine().split(" ")[1])).orElseThrow();
            assertThat(grandchild.isAlive()).isTrue();
            parent.kill();
        }
        assertThat(grandchild.onExit()).succeedsWithin(TIMEOUT);
    }

    /** Starts a child of its own, names its pid, and waits. */
    public static final class StartsAChild {
        public static void main(String[] args) throws Exception {
            ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), Waits.class.getName(), List.of(), Path.of(args[0]),
                    "WAITING", TIMEOUT);
            System.out.println("GRANDCHILD " + child.pid());
            new CountDownLatch(1).await();
        }
    }

    public static final class Waits {
        public static void main(String[] args) throws Exception {
            System.out.println("WAITING");
            new CountDownLatch(1).await();
        }
    }

    /** The child: a ready line naming its working directory, then a stage marker behind other output on its line. */
    public static final class Stages {
        public static void main(String[] args) throws Exception {
            System.out.println("HELLO from " + Path.of("").toRealPath());
            System.out.println("[interleaved] RESULT 42");
        }
    }
}

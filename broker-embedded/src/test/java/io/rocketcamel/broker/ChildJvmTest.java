package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

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

    @Test
    void theClasspathGivenToChildrenIsAbsolute() {
        assertThat(ChildJvm.currentClasspath().split(File.pathSeparator)).allSatisfy(entry -> assertThat(Path.of(entry)).isAbsolute());
    }

    /** The child: a ready line naming its working directory, then a stage marker behind other output on its line. */
    public static final class Stages {
        public static void main(String[] args) throws Exception {
            System.out.println("HELLO from " + Path.of("").toRealPath());
            System.out.println("[interleaved] RESULT 42");
        }
    }
}

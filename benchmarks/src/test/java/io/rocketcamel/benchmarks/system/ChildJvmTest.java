package io.rocketcamel.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChildJvmTest {

    /** A child runs in a directory of its own: a class path relative to ours would find nothing there. */
    @Test
    void aChildFindsOurClassesFromItsOwnDirectoryWhenOurClassPathIsRelative() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        String relative = java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> here.relativize(Path.of(entry).toAbsolutePath()).toString())
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();

        try (ChildJvm child = ChildJvm.start(dir -> List.of(ChildJvm.java(), "-cp", ChildJvm.classPath(relative),
                Hello.class.getName()))) {
            assertThat(child.awaitLine("HELLO", Duration.ofSeconds(60))).isEqualTo("HELLO from the child");
        }
    }

    /** The child's main class. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("HELLO from the child");
        }
    }
}

package io.rocketcamel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The examples app's measurement, on a stand-in JVM: the real app's demo takes a minute and is the full run's job. */
class ExamplesAppIT {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(console, true);

    @Test
    void samplesTheChildWhileItsDemoRunsAndOnceIdleAfterGcThenKillsItAndDeletesItsDirectory() {
        List<Path> dirs = new ArrayList<>();
        AppMemory app = ExamplesApp.measure(dir -> {
            dirs.add(dir);
            return List.of(ChildJvm.java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), FakeDemoApp.class.getName());
        }, progress);

        assertThat(app.notMeasured()).as(console.toString()).isNull();
        assertThat(app.demoSummary()).isEqualTo(FakeDemoApp.SUMMARY);
        assertThat(app.demoPassed()).isTrue();
        assertThat(app.peak().heapUsedMiB()).isGreaterThanOrEqualTo(FakeDemoApp.HELD_MIB);
        assertThat(app.idle().heapUsedMiB()).isLessThan(FakeDemoApp.HELD_MIB);
        assertThat(app.peak().rssMiB()).isGreaterThan(FakeDemoApp.HELD_MIB);
        assertThat(app.idle().rssAnonMiB()).isPositive();
        assertThat(app.idle().directMiB()).isNotNegative();
        assertThat(dirs).singleElement().satisfies(dir -> assertThat(dir).doesNotExist());
        assertThat(ProcessHandle.current().children()).as("the child is killed").isEmpty();
    }

    @Test
    void anAppThatDiesAtStartIsReportedWithItsExitCode() {
        AppMemory app = ExamplesApp.measure(dir -> List.of(ChildJvm.java(), "-cp", System.getProperty("java.class.path"),
                FakeDemoApp.class.getName(), "3"), progress);

        assertThat(app.measured()).isFalse();
        assertThat(app.notMeasured()).isEqualTo("the app failed: no output: its output ended, exit code 3");
        assertThat(console.toString()).contains("FAILED", "its last lines:");
    }

    @Test
    void aMissingJarIsReportedWithTheCommandThatBuildsIt() {
        AppMemory app = ExamplesApp.measure(Path.of("no", "such.jar"), progress);

        assertThat(app.measured()).isFalse();
        assertThat(app.notMeasured()).contains("`" + ExamplesApp.JAR + "` not found", Path.of("no", "such.jar").toAbsolutePath().toString(),
                "build it with the command above");
        assertThat(console.toString()).contains("NOT MEASURED");
        assertThat(Files.exists(Path.of("no"))).isFalse();
    }
}

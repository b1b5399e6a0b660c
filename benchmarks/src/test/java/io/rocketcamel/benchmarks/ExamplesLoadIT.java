package io.rocketcamel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.rocketcamel.benchmarks.report.Goals;
import io.rocketcamel.broker.ChildJvm;
import org.junit.jupiter.api.Test;

/** The examples app's load run as the benchmark drives it, on a stand-in JVM: the real app's scenarios take minutes. */
class ExamplesLoadIT {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(console, true);

    @Test
    void samplesTheAppAtRestUnderLoadAndAfterReadsItsResultThenKillsItAndDeletesItsDirectory() throws Exception {
        Path jar = Files.createTempFile("fake", ".jar");
        List<Path> dirs = new ArrayList<>();
        ExamplesLoad examples = new ExamplesLoad(jar, dir -> {
            dirs.add(dir);
            return List.of(ChildJvm.java(), "-Xmx256m", "-cp", ChildJvm.currentClasspath(), FakeLoadApp.class.getName());
        }, progress);

        long started = System.nanoTime();
        ExamplesLoad.Outcome outcome = examples.run(new ExamplesLoad.ScenarioRun("fake", 600), 1);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome.footprint().problem()).as(console.toString()).isNull();
        assertThat(outcome.scenario().path("summary").asText()).isEqualTo("done");
        assertThat(outcome.scenario().path("offeredPerMinute").asDouble()).as("the rate reaches the app").isEqualTo(600);
        assertThat(Goals.scenarioLabel(outcome.scenario())).isEqualTo("fake at 600/min");
        assertThat(outcome.footprint().scenario()).isEqualTo("fake at 600/min");
        assertThat(outcome.footprint().peak().heapUsedMiB()).isGreaterThanOrEqualTo(FakeLoadApp.HELD_MIB);
        assertThat(outcome.footprint().atRest().heapUsedMiB()).isLessThan(FakeLoadApp.HELD_MIB);
        assertThat(outcome.footprint().atRest().rssMiB()).isPositive();
        assertThat(took).as("the load begins once sampled at rest, not after the longest wait (3 min)")
                .isLessThan(Duration.ofSeconds(90));
        assertThat(dirs).singleElement().satisfies(dir -> assertThat(dir).doesNotExist());
        assertThat(ProcessHandle.current().children()).as("the child is killed").isEmpty();
        Files.delete(jar);
    }

    @Test
    void aMissingJarIsReportedWithTheCommandThatBuildsIt() {
        ExamplesLoad.Outcome outcome = new ExamplesLoad(Path.of("no", "such.jar"), progress)
                .run(ExamplesLoad.ScenarioRun.atArticlesRate("order-saga"), 1);

        assertThat(outcome.footprint().problem()).contains("`" + ExamplesLoad.JAR + "` not found", "build it with the command above");
        assertThat(outcome.scenario().path("problem").asText()).isEqualTo(outcome.footprint().problem());
    }
}

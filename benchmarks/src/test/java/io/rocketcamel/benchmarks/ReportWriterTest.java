package io.rocketcamel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final Memory SOME = new Memory(300, 200, 50, 10);

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void theExamplesAppGetsAPeakAndAnIdleRowAndItsDemoSummary() throws Exception {
        String report = write(AppMemory.measured(new Memory(700, 640, 180, 90), new Memory(650, 600, 60, 80),
                "DEMO SUMMARY: 5 patterns passed, 0 failed"));

        assertThat(report).contains(
                "| examples app (`routes-examples`) | peak from its start to the end of its demo (sampled every 250 ms) | 700 | 640 | 180 | 90 |",
                "| examples app (`routes-examples`) | idle after its demo, after GC | 650 | 600 | 60 | 80 |",
                "`java -Xmx512m -jar routes-examples/target/routes-examples-0.1.0-SNAPSHOT.jar`",
                "Its demo ended with `DEMO SUMMARY: 5 patterns passed, 0 failed`: the app, broker included, did all of it in a 512 MiB heap.");
    }

    @Test
    void aFailedDemoIsShownWithoutClaimingTheHeapWasEnough() throws Exception {
        String report = write(AppMemory.measured(SOME, SOME, "DEMO SUMMARY: 4 patterns passed, 1 failed"));

        assertThat(report).contains("Its demo ended with `DEMO SUMMARY: 4 patterns passed, 1 failed`.").doesNotContain("512 MiB heap.");
    }

    @Test
    void anAppNotMeasuredSaysWhyInItsRow() throws Exception {
        String report = write(AppMemory.notMeasured("`x.jar` not found; build it with the command above"));

        assertThat(report).contains("| examples app (`routes-examples`) | `x.jar` not found; build it with the command above |  |  |  |  |")
                .doesNotContain("Its demo ended");
    }

    @Test
    void theReproduceCommandBuildsTheExamplesAppToo() throws Exception {
        assertThat(write(AppMemory.notMeasured("n/a"))).contains("mvn -B -q -pl routes-examples,benchmarks -am package -DskipTests && java");
    }

    private String write(AppMemory app) throws Exception {
        RunData data = new RunData(Instant.parse("2026-01-01T00:00:00Z"), 1, new Machine(2, 1024, "JVM", 512), 0, 0, SOME, SOME, SOME,
                app, List.of(), null, Options.parse());
        return Files.readString(ReportWriter.write(data, dir));
    }
}

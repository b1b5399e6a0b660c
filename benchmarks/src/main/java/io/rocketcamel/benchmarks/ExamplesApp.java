package io.rocketcamel.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The memory of the examples app ({@code routes-examples}) as a user runs it: its own JVM with a 512 MiB heap,
 * Spring Boot, Camel, the demo's routes and the embedded broker. Sampled while the demo runs (its load) and once
 * idle after it, after a GC; then killed.
 */
final class ExamplesApp {

    static final String JAR = "routes-examples/target/routes-examples-0.1.0-SNAPSHOT.jar";
    static final String HEAP = "-Xmx512m";
    static final String SUMMARY = "DEMO SUMMARY:";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Its demo took about a minute next to a build on 2 cores; a hung app must not hold the run for long. */
    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(4);

    private ExamplesApp() {
    }

    /** Measures the app from {@code jar} (relative to the working directory); never throws, the outcome says what failed. */
    static AppMemory measure(Path jar, PrintStream progress) {
        if (!Files.isRegularFile(jar)) {
            String why = "`" + JAR + "` not found (looked at " + jar.toAbsolutePath() + "); build it with the command above";
            progress.println("examples app: NOT MEASURED: " + why);
            return AppMemory.notMeasured(why);
        }
        progress.println("examples app: running its demo, " + HEAP);
        return measure(dir -> command(jar.toAbsolutePath(), dir), progress);
    }

    /**
     * Its embedded broker keeps the starter's default of free ports, so it cannot collide with another broker, and its
     * web server (the operations console) takes a free port too; the store and the JVM's temporary files (RocksDB's native library, consumer offsets) go to the child's directory,
     * deleted with it. {@code demo.exit=false} keeps it running after the demo for the idle sample.
     */
    private static List<String> command(Path jar, Path dir) {
        return List.of(ChildJvm.java(), HEAP, "-Djava.io.tmpdir=" + dir, "-jar", jar.toString(),
                "--rocketcamel.embedded-broker.store-dir=" + dir.resolve("store"), "--rocketcamel.demo.exit=false",
                "--server.port=0");
    }

    /** @param command the command line given the child's directory; a JVM that prints {@value #SUMMARY} when done */
    static AppMemory measure(Function<Path, List<String>> command, PrintStream progress) {
        try (ChildJvm app = ChildJvm.start(command, SUMMARY)) {
            try {
                return sample(app, progress);
            } catch (Exception e) {
                progress.println("  its last lines:");
                app.lastLines().forEach(line -> progress.println("    " + line));
                throw e;
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            progress.println("  FAILED: " + e);
            return AppMemory.notMeasured("the app failed: " + (e.getMessage() == null ? e : e.getMessage()));
        }
    }

    private static AppMemory sample(ChildJvm app, PrintStream progress) throws Exception {
        app.awaitOutput(START_TIMEOUT);
        try (RemoteMemory memory = RemoteMemory.attach(app.pid())) {
            Memory peak;
            String summary;
            try (MemorySampler sampler = new MemorySampler(memory::now)) {
                summary = app.awaitMarker(DEMO_TIMEOUT);
                peak = sampler.peak();
            }
            memory.gc();
            Memory idle = MemorySampler.settled(memory::now);
            progress.printf("  %s; peak RSS %d MiB, heap %d MiB; idle RSS %d MiB, heap %d MiB%n", summary, peak.rssMiB(),
                    peak.heapUsedMiB(), idle.rssMiB(), idle.heapUsedMiB());
            return AppMemory.measured(peak, idle, summary);
        }
    }
}

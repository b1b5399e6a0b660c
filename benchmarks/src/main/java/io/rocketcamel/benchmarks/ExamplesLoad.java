package io.rocketcamel.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocketcamel.benchmarks.report.Goals;
import io.rocketcamel.benchmarks.report.RunResult.AppFootprint;
import io.rocketcamel.benchmarks.system.DiskUse;
import io.rocketcamel.benchmarks.system.LogDigest;
import io.rocketcamel.benchmarks.system.Memory;
import io.rocketcamel.benchmarks.system.MemorySampler;
import io.rocketcamel.benchmarks.system.RemoteMemory;
import io.rocketcamel.broker.ChildJvm;

/**
 * The article's scenarios through the example routes: the examples app ({@code routes-examples}) in its load mode, as
 * a user runs it ({@code java -Xmx512m -jar ...}, its own embedded broker on free ports, its store in a temporary
 * directory), one scenario per JVM. Its memory is sampled at rest (after start-up and a GC, before the load), while
 * the load runs and after it; the scenario's own figures come from the JSON the app writes.
 */
final class ExamplesLoad {

    static final String JAR = "routes-examples/target/routes-examples-0.1.0-SNAPSHOT.jar";
    /**
     * Each scenario at the article's rate; the order saga and CDC also at a rate 2 cores carry, so the report shows the
     * latency where the machine is not the bound (by hand, warmed up: the saga at 8,000 a minute held 20-30 ms of p99 a
     * second; CDC at 12,000 a minute, 1.16 cores busy, a p99 of 35 ms).
     */
    static final List<ScenarioRun> RUNS = List.of(ScenarioRun.atArticlesRate("order-saga"), new ScenarioRun("order-saga", 8_000),
            ScenarioRun.atArticlesRate("cdc"), new ScenarioRun("cdc", 15_000), ScenarioRun.atArticlesRate("delayed-tasks"));
    private static final String READY = "LOAD READY";
    private static final String RESULT = "LOAD RESULT ";
    /**
     * The app's load begins when this file appears in its directory, which the benchmark creates once it has sampled the
     * app at rest (attach, GC, settled samples). A fixed delay (8 s, then 15 s) was not enough once with the examples'
     * and the reliability suite's tests beside it: ExamplesLoadIT's fake app was sampled "at rest" holding its load
     * (148 MiB for less than 64).
     */
    private static final String START_FILE = "start-load";
    /** The longest the app waits for {@link #START_FILE}. */
    private static final int START_DELAY_SECONDS = 180;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path jar;
    private final Function<Path, List<String>> launcher;
    private final PrintStream progress;

    /**
     * The examples app from its jar, with a 512 MiB heap, direct memory room for its embedded broker's storing threads
     * (more than the heap's size, the JVM's default cap), and its temporary files in the child's directory.
     */
    ExamplesLoad(Path jar, PrintStream progress) {
        this(jar, dir -> List.of(ChildJvm.java(), "-Xmx512m", "-XX:MaxDirectMemorySize=1g", "-Djava.io.tmpdir=" + dir,
                "-jar", jar.toAbsolutePath().toString()), progress);
    }

    /** @param launcher the command line up to the app's arguments, given the child's directory */
    ExamplesLoad(Path jar, Function<Path, List<String>> launcher, PrintStream progress) {
        this.jar = jar;
        this.launcher = launcher;
        this.progress = progress;
    }

    record Outcome(JsonNode scenario, AppFootprint footprint) {
    }

    /** @param perMinute units offered a minute; 0: the article's rate, the app's default */
    record ScenarioRun(String scenario, double perMinute) {

        static ScenarioRun atArticlesRate(String scenario) {
            return new ScenarioRun(scenario, 0);
        }

        String label() {
            return Goals.scenarioLabel(scenario, perMinute);
        }
    }

    Outcome run(ScenarioRun scenarioRun, int seconds) {
        String scenario = scenarioRun.label();
        if (!Files.isRegularFile(jar)) {
            String why = "`" + JAR + "` not found (looked at " + jar.toAbsolutePath() + "); build it with the command above";
            progress.println("examples: NOT RUN: " + why);
            return failed(scenario, why);
        }
        progress.printf("examples: %s for %d s%n", scenario, seconds);
        double diskAtStart = DiskUse.usedPercent(Path.of(System.getProperty("java.io.tmpdir")));
        Path[] childDir = new Path[1];
        try (ChildJvm app = ChildJvm.startInOwnDirectory(dir -> {
            childDir[0] = dir;
            return command(scenarioRun, seconds, dir);
        }, READY, Duration.ofMinutes(3))) {
            Path store = childDir[0].resolve("store");
            try {
                try (RemoteMemory memory = RemoteMemory.attach(app.pid(), store)) {
                    memory.gc();
                    Memory atRest = MemorySampler.settled(memory::now);
                    Files.createFile(childDir[0].resolve(START_FILE));
                    Memory peak;
                    String result;
                    try (MemorySampler sampler = new MemorySampler(memory::sample, 1000)) {
                        result = app.awaitLineWith(RESULT, Duration.ofSeconds(seconds).plusMinutes(10));
                        peak = sampler.peak();
                    }
                    memory.gc();
                    Memory after = MemorySampler.settled(memory::now);
                    ObjectNode json = (ObjectNode) JSON.readTree(Path.of(result.substring(RESULT.length()).trim()).toFile());
                    json.put("diskUsedPercentAtStart", diskAtStart)
                            .put("diskUsedPercentAtEnd", DiskUse.usedPercent(store));
                    progress.printf("  %s%n", json.path("summary").asText());
                    if (json.path("lost").asLong() > 0) {
                        // the child's directory, its logs with it, is deleted when it ends
                        progress.println("  the app's warnings and errors:");
                        LogDigest.of(Files.readAllLines(app.log())).forEach(line -> progress.println("    " + line));
                        progress.printf("  the store's file system: %.0f%% used at the start, %.0f%% at the end; RocketMQ's log:%n",
                                diskAtStart, json.path("diskUsedPercentAtEnd").asDouble());
                        storeCleanUp(store).forEach(line -> progress.println("    " + line));
                    }
                    return new Outcome(json, new AppFootprint(scenario, atRest, peak, after, null));
                }
            } catch (Exception e) {
                progress.println("  FAILED: " + e + "; its last lines: " + app.tail());
                return failed(scenario, e.getMessage());
            }
        } catch (Exception e) {
            progress.println("  FAILED: " + e);
            return failed(scenario, String.valueOf(e.getMessage()));
        }
    }

    /** What RocketMQ's log says about deleted files and the disk: counts and the first lines. */
    private static List<String> storeCleanUp(Path store) {
        Path log = store.resolve("logs").resolve("rocketmq.log");
        List<String> lines = new ArrayList<>();
        try (Stream<String> all = Files.lines(log)) {
            // "delete file[REF:0] <path> OK" for each file deleted; "disk space will be full soon, but delete file failed"
            List<String> cleanUp = all.filter(line -> line.contains("delete file[") || line.contains("disk")).toList();
            lines.add(cleanUp.stream().filter(line -> line.contains("delete file[")).count() + " files deleted, "
                      + cleanUp.stream().filter(line -> line.contains("disk")).count() + " lines about the disk");
            cleanUp.stream().limit(5).forEach(lines::add);
        } catch (IOException | UncheckedIOException e) {
            lines.add("not read: " + e);
        }
        return lines;
    }

    /**
     * The store and the JVM's temporary files (RocksDB's native library, consumer offsets) go to the child's own
     * directory, deleted with it; the result goes there too and is read before the child is killed. Its web server
     * (the operations console) takes a free port.
     */
    private List<String> command(ScenarioRun scenarioRun, int seconds, Path dir) {
        List<String> command = new ArrayList<>(launcher.apply(dir));
        if (scenarioRun.perMinute() > 0) {
            command.add("--rocketcamel.load.rate=" + scenarioRun.perMinute());
        }
        command.addAll(List.of("--rocketcamel.embedded-broker.store-dir=" + dir.resolve("store"),
                "--rocketcamel.load.scenario=" + scenarioRun.scenario(), "--rocketcamel.load.duration=" + seconds + "s",
                "--rocketcamel.load.start-delay=" + START_DELAY_SECONDS + "s",
                "--rocketcamel.load.start-file=" + dir.resolve(START_FILE), "--rocketcamel.load.out=" + dir,
                "--server.port=0"));
        return command;
    }

    private static Outcome failed(String scenario, String why) {
        ObjectNode json = JSON.createObjectNode().put("scenario", scenario).put("problem", why);
        return new Outcome(json, new AppFootprint(scenario, null, null, null, why));
    }
}

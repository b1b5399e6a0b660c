package io.rocketcamel.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes {@code benchmarks.md} (and, through {@link Chart}, {@code benchmarks.png}) from one run. */
final class ReportWriter {

    /** Builds the examples app too: the run measures its memory. */
    static final String COMMAND = "mvn -B -q -pl routes-examples,benchmarks -am package -DskipTests"
            + " && java -Xmx512m -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar";

    static final String REPORT = "benchmarks.md";
    static final String CHART = "benchmarks.png";

    private static final String EXAMPLES_APP = "examples app (`routes-examples`)";

    private final RunData data;
    private final List<Scenario> scenarios;
    private final StringBuilder md = new StringBuilder();

    private ReportWriter(RunData data) {
        this.data = data;
        this.scenarios = data.options().sizes().scenarios();
    }

    static Path write(RunData data, Path dir) throws IOException {
        Files.createDirectories(dir);
        Chart.write(data, dir.resolve(CHART));
        Path report = dir.resolve(REPORT);
        Files.writeString(report, new ReportWriter(data).render());
        return report;
    }

    private String render() {
        header();
        List<Check> checks = Targets.evaluate(data, scenarios);
        goals(checks);
        results();
        drains();
        disk();
        memory();
        misses(checks);
        return md.toString();
    }

    private String othersCpu() {
        return data.othersCpuShare() < 0 ? "an unknown share" : String.format("%.0f%%", data.othersCpuShare() * 100);
    }

    private void header() {
        Machine machine = data.machine();
        line("# Benchmarks");
        line("");
        if (data.busy()) {
            line(String.format("> **Preliminary run: the machine was busy** (1-minute load average %.1f before the run on %d cores;"
                    + " other processes used %s of the CPU while the scenarios ran). Absolute numbers are low and noisy; ratios"
                    + " between peers measured back to back are more telling. Re-run the command on a quiet machine for the"
                    + " reference numbers.", data.loadBefore(), machine.cores(), othersCpu()));
            line("");
        }
        if (data.options().smoke()) {
            line("> **Smoke run** (`--smoke`): a few hundred messages per scenario and no examples app; it proves the scenarios run, not"
                 + " how fast.");
            line("");
        }
        line("Run on " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(data.started().atOffset(ZoneOffset.UTC).withNano(0)) + " UTC in "
             + String.format("%.1f", data.minutes()) + " minutes: " + machine.cores() + " cores, " + String.format("%,d", machine.memoryMiB())
             + " MiB RAM, " + machine.java() + ", max heap " + machine.maxHeapMiB() + " MiB (broker, clients and Camel in this one JVM)."
             + String.format(" Load average %.1f before; other processes used %s of the CPU while the scenarios ran.",
                    data.loadBefore(), othersCpu()));
        line("");
        line("Reproduce (from the repository root):");
        line("");
        line("```");
        line(COMMAND);
        line("```");
        line("");
        line("Options: `--smoke`, `--backlog N`, `--rate N`, `--only sync-1,async,...`, `--out DIR` (`--help` lists them).");
        line("");
        line("How it measures: the embedded Apache RocketMQ 5.5.0 broker (ASYNC_FLUSH unless the scenario says SYNC_FLUSH) runs in the"
             + " benchmark's JVM; every peer of a scenario runs in the same run against the same broker, each on a fresh topic of "
             + BrokerStore.QUEUES + " queues, after a warm-up of a tenth of its messages; the peers of a scenario take turns in"
             + " four rounds, in rotated order, so drift during the run (JIT, the shared broker's background work, the"
             + " neighbours' load) is spread over all of them. Bodies are 1 KiB. **msg/s** counts from the"
             + " first send until the broker has *stored* the last message (so a peer that completes before the broker answers gets no"
             + " credit for unsent work); **store MiB/s** is the commit log's growth over the same time. **Send latency** is from the"
             + " call to the peer's completion: the client's answer for raw sends, the exchange's completion for Camel peers (Camel"
             + " exchanges go through a ProducerTemplate with a unit of work, as a route's `to()` does). **End-to-end latency** is"
             + " send to consume, each peer's producer to the same peer's consumer, at " + String.format("%,.0f", data.options().rate())
             + " msg/s from one caller. Camel peers: ours (`rocketmq:`) and Apache's `camel-rocketmq` 4.17.0 under the name"
             + " `apache-rocketmq`, in one CamelContext.");
        line("");
        line("![Throughput and latency](" + CHART + ")");
        line("");
    }

    private void goals(List<Check> checks) {
        line("## Goals");
        line("");
        line("The issue's goals: the seed's table for ours (normal >= 50,000 msg/s with p99 < 5 ms, ordered >= 30,000, transactional"
             + " >= 20,000, batch >= 100,000), ours >= 0.9x the raw client and >= 2x camel-rocketmq in the same mode.");
        line("");
        line("| Scenario | Goal | Measured | Met | Gap |");
        line("|---|---|---|---|---|");
        for (Check check : checks) {
            line(row(check.scenarioId(), check.goal(), check.measured(), check.met() == null ? "n/a" : check.met() ? "yes" : "**no**", check.gap()));
        }
        line("");
    }

    private void results() {
        line("## Send scenarios");
        line("");
        for (Scenario scenario : scenarios) {
            List<Result> rows = rows(scenario.id());
            if (rows.isEmpty()) {
                continue;
            }
            line("### " + scenario.title() + String.format(" (%,d messages)", scenario.messages()));
            line("");
            line("| Peer | msg/s | MiB/s | store MiB/s | send p50 | send p99 | send p99.9 | e2e p50 | e2e p99 | Notes |");
            line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            for (Result r : rows) {
                if (!r.ran()) {
                    line(row(r.peer().label(), "", "", "", "", "", "", "", "", r.skipped()));
                } else if (r.send() == null) {
                    line(row(r.peer().label(), "", "", "", "", "", "", "", "", "**" + r.problem() + "**"));
                } else {
                    line(row(r.peer().label(), String.format("%,.0f", r.messagesPerSecond()), String.format("%.1f", r.miBPerSecond()),
                            String.format("%.1f", r.storeMiBPerSecond()), ms(r.send().p50()), ms(r.send().p99()), ms(r.send().p999()),
                            ms(r.endToEnd().p50()), ms(r.endToEnd().p99()), notes(r)));
                }
            }
            line("");
        }
        line("Latencies in milliseconds. camel-rocketmq sends with the client's asynchronous send in both modes; with its default"
             + " (`waitForSendResult=false`) its producer reports \"done synchronously\" without calling back and calls back later"
             + " from the client's answer. Sent as here (ProducerTemplate on Camel's asynchronous engine), the exchange completes on"
             + " that callback in both modes, when the broker answered, as the near-equal rows show.");
        line("");
        if (!rows("oneway").isEmpty()) {
            onewayWarning();
        }
    }

    private void onewayWarning() {
        line(String.format("**ONEWAY can outrun the broker.** Nothing confirms a oneway send: the client writes the request and returns"
             + " without waiting for an answer, so it never learns that the broker dropped it, as the broker does when its send queue"
             + " is full or a request waited in it longer than `waitTimeMillsInSendQueue` (\"broker busy\": 200 ms by default,"
             + " %,d ms on this benchmark's broker)."
             + " One unbounded oneway caller flooded this broker on 2 cores: it lost 17%% of 100,000 messages and the client's"
             + " connection hung for minutes. So the benchmark holds each oneway caller at most %,d messages ahead of what the broker"
             + " has stored (it reads the stored count every %d sends; a broker that stores nothing for a second lets the callers go"
             + " on, so lost messages still show in the row), and ONEWAY msg/s counts stored messages only. An application that"
             + " sends ONEWAY in bulk needs a bound of its own, or SYNC or ASYNC sends, which the broker confirms.",
             BenchmarkRun.SEND_QUEUE_WAIT_MILLIS, ThroughputPhase.ONEWAY_AHEAD, Gate.STORE_CHECK_EVERY));
        line("");
    }

    private void drains() {
        List<Result> rows = data.results().stream().filter(r -> r.scenarioId().startsWith("drain")).toList();
        if (rows.isEmpty()) {
            return;
        }
        line("## Consume: draining a backlog");
        line("");
        line("One backlog written with raw batch sends, drained by each peer in its own consumer group from the first offset; timed"
             + " from the first message received to the last. Default consumer settings of each peer (20 threads, pull batch 32).");
        line("");
        line("| Scenario | Peer | msg/s | MiB/s | Notes |");
        line("|---|---|---:|---:|---|");
        for (Result r : rows) {
            line(row(r.scenarioTitle(), r.peer().label(), r.ran() && r.seconds() > 0 ? String.format("%,.0f", r.messagesPerSecond()) : "",
                    r.ran() && r.seconds() > 0 ? String.format("%.1f", r.miBPerSecond()) : "", r.ran() ? notes(r) : r.skipped()));
        }
        line("");
    }

    private void disk() {
        DiskWrite disk = data.disk();
        if (disk == null) {
            return;
        }
        line("## Disk: the physical ceiling next to the store");
        line("");
        line("| Writer | MiB/s |");
        line("|---|---:|");
        line(row(String.format("plain file, %,d MiB sequential, 1 MiB blocks (page cache)", disk.bytes() >> 20), String.format("%.0f", disk.cachedMiBPerSecond())));
        line(row("the same, including the final fsync", String.format("%.0f", disk.syncedMiBPerSecond())));
        Map<String, Result> best = new LinkedHashMap<>();
        data.results().stream().filter(r -> r.ran() && r.storeMiBPerSecond() > 0).forEach(r -> best.merge(r.scenarioId(), r,
                (a, b) -> a.storeMiBPerSecond() >= b.storeMiBPerSecond() ? a : b));
        best.values().stream().sorted((a, b) -> Double.compare(b.storeMiBPerSecond(), a.storeMiBPerSecond())).limit(4)
                .forEach(r -> line(row("broker store (commit log), " + r.scenarioId() + ", " + r.peer().label(), String.format("%.0f", r.storeMiBPerSecond()))));
        line("");
    }

    private void memory() {
        line("## Memory");
        line("");
        line("The benchmark's JVM runs the broker, all clients and Camel with `-Xmx" + data.machine().maxHeapMiB() + "m` (max heap as the JVM reports it),"
             + " so the broker fits in a 512 MiB heap if the whole run does. RSS includes the page cache of the memory-mapped commit log"
             + " the process touched; anonymous RSS leaves that out.");
        line("");
        line("| Process | State | RSS MiB | anonymous RSS MiB | heap used MiB | direct buffers MiB |");
        line("|---|---|---:|---:|---:|---:|");
        line(memoryRow("embedded broker (Camel context up, no RocketMQ clients yet)", "idle, after GC", data.idle()));
        line(memoryRow("embedded broker + all peers' clients", "peak under load (sampled every 250 ms)", data.peak()));
        line(memoryRow("embedded broker + all peers' clients", "after the run", data.after()));
        AppMemory app = data.examples();
        if (!app.measured()) {
            line(row(EXAMPLES_APP, app.notMeasured(), "", "", "", ""));
            line("");
            return;
        }
        line(memoryRow(EXAMPLES_APP, "peak from its start to the end of its demo (sampled every " + MemorySampler.INTERVAL_MILLIS
                + " ms)", app.peak()));
        line(memoryRow(EXAMPLES_APP, "idle after its demo, after GC", app.idle()));
        line("");
        line("The examples app runs in its own JVM after the scenarios, as `java " + ExamplesApp.HEAP + " -jar " + ExamplesApp.JAR
             + "`: Spring Boot, Camel, the demo's routes and its own embedded broker (on free ports, its store in a temporary"
             + " directory deleted afterwards). RSS comes from its `/proc/<pid>/status`, heap and direct buffers from its"
             + " management agent, which the benchmark attaches to once; the idle sample follows a full GC in the app (RSS counts"
             + " what the JVM touched and kept from the OS, so a GC need not lower it; the heap column is what is live). Its demo"
             + " ended with `" + app.demoSummary() + "`" + (app.demoPassed() ? ": the app, broker included, did all of it in a"
             + " 512 MiB heap." : "."));
        line("");
    }

    private void misses(List<Check> checks) {
        Map<String, List<Check>> missed = checks.stream().filter(Check::missed)
                .collect(Collectors.groupingBy(Check::scenarioId, LinkedHashMap::new, Collectors.toList()));
        if (missed.isEmpty()) {
            return;
        }
        line("## Missed goals: where the time goes and the next lever");
        line("");
        for (Scenario scenario : scenarios) {
            List<Check> scenarioMisses = missed.get(scenario.id());
            if (scenarioMisses == null) {
                continue;
            }
            line("### " + scenario.title());
            line("");
            line("Missed: " + scenarioMisses.stream().map(c -> c.goal() + " (" + c.measured() + ", " + c.gap() + ")").collect(Collectors.joining("; ")) + ".");
            line("");
            Levers.explain(data, scenario, scenarioMisses).forEach(l -> {
                line("- " + l);
            });
            line("");
        }
    }

    private List<Result> rows(String scenarioId) {
        return data.results().stream().filter(r -> r.scenarioId().equals(scenarioId)).toList();
    }

    private static String notes(Result r) {
        String note = r.note() == null ? "" : r.note();
        return r.problem() == null ? note : note + (note.isEmpty() ? "" : "; ") + "**" + r.problem() + "**";
    }

    private static String memoryRow(String process, String state, Memory m) {
        return row(process, state, mib(m.rssMiB()), mib(m.rssAnonMiB()), mib(m.heapUsedMiB()), mib(m.directMiB()));
    }

    private static String mib(long value) {
        return value < 0 ? "n/a" : String.valueOf(value);
    }

    private static String ms(double millis) {
        return String.format("%.2f", millis);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", List.of(cells).stream().map(c -> c.replace("|", "\\|").replace("\n", " ")).toList()) + " |";
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}

package io.rocketcamel.benchmarks.report;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.rocketcamel.benchmarks.report.RunResult.AppFootprint;
import io.rocketcamel.benchmarks.report.RunResult.BrokerFootprint;
import io.rocketcamel.benchmarks.report.RunResult.Check;
import io.rocketcamel.benchmarks.report.RunResult.ConversionCost;
import io.rocketcamel.benchmarks.report.RunResult.CpuProfile;
import io.rocketcamel.benchmarks.report.RunResult.PeerResult;
import io.rocketcamel.benchmarks.report.RunResult.WorkloadResult;
import io.rocketcamel.benchmarks.system.DiskUse;
import io.rocketcamel.benchmarks.system.Memory;

/**
 * {@code benchmarks.md} from a run's JSON: the generated part (numbers only, no advice), followed by whatever the
 * previous file held after {@link #END}, which is where people write their analysis of a run by hand.
 */
public final class Report {

    public static final String END = "<!-- End of the generated part: what follows is kept when the benchmark rewrites this file. -->";

    private final RunResult run;
    private final RunResult previous;
    private final StringBuilder md = new StringBuilder();

    private Report(RunResult run, RunResult previous) {
        this.run = run;
        this.previous = previous;
    }

    /**
     * @param previous the last run's results, or null
     * @param existing the file this report replaces, or null
     * @param command  the command that reproduces the run
     */
    public static String render(RunResult run, RunResult previous, String existing, String command) {
        Report report = new Report(run, previous);
        report.header(command);
        report.goals();
        report.workloads();
        report.profiles();
        report.conversions();
        report.scenarios();
        report.memory();
        report.disk();
        report.md.append(END);
        int kept = existing == null ? -1 : existing.indexOf(END);
        report.md.append(kept >= 0 ? existing.substring(kept + END.length()) : "\n");
        return report.md.toString();
    }

    private void header(String command) {
        line("# Benchmarks");
        line("");
        if (run.busy()) {
            line(String.format("> **Preliminary: the machine was busy.** Other processes used %.0f%% of its CPU while the workloads ran;"
                    + " absolute figures are low and noisy. Ratios between peers measured in turns in the same run are fairer.",
                    run.othersCpuShare() * 100));
            line("");
        }
        if (run.smoke()) {
            line("> **Smoke run** (`--smoke`): rounds of a few hundred milliseconds; it proves the workloads run, not how fast.");
            line("");
        }
        RunResult.Machine m = run.machine();
        line(String.format("Run of %s UTC, %.1f minutes: %d cores (%s), %,d MiB RAM, %s, `-Xmx%dm` (broker, clients and Camel in one JVM)."
                + " Load averages (1, 5, 15 min, as `uptime` prints them) %s before and %s after; other processes used %s of the CPU"
                + " while the workloads ran.%s", run.started(), run.minutes(),
                m.cores(), m.processor() == null ? "processor not recorded" : m.processor(), m.memoryMiB(), m.java(), m.maxHeapMiB(),
                loads(run.loadBefore()), loads(run.loadAfter()),
                run.othersCpuShare() < 0 ? "an unknown share" : String.format("%.0f%%", run.othersCpuShare() * 100),
                previous == null ? "" : " The *vs last* columns compare with the run of " + previous.started() + sameProcessor(m, previous.machine())));
        line("");
        line("Reproduce from the repository root (`--help` lists the options, `--only` runs a part):");
        line("");
        line("```");
        line(command);
        line("```");
        line("");
        line("Results: `benchmarks.json` (this report and the charts are drawn from it; the next run compares itself with it),"
                + " `benchmarks.png`, `benchmarks-scenarios.png`. Workloads are data: `benchmarks/src/main/resources/workloads.json`.");
        line("");
        line(String.format("How it measures: the embedded Apache RocketMQ 5.5.0 broker (ASYNC_FLUSH unless the workload says SYNC_FLUSH) runs in"
                + " the benchmark's JVM.%s Every peer of a workload gets its own topic of 8 queues and its own clients, is warmed up, and"
                + " then the peers take turns: %d rounds of %.1f s each, in rotated order. A round counts from its first send until the"
                + " broker has *stored* its last message. The **plain loop** is the raw client in the plainest loop (no timing, no"
                + " callbacks of ours): the yardstick of the harness, which sends for the **raw client** row exactly as for the Camel"
                + " rows. Camel peers send through a route `from(\"direct:...\").to(uri)` on Camel's asynchronous engine: ours"
                + " (`rocketmq:`) and Apache's `camel-rocketmq` 4.17.0; the **raw client in a Camel route** sends from that route's"
                + " processor and hands each consumed message to a route as an exchange, the least any Camel component costs. A drain"
                + " consumes the whole backlog once per peer in each of its rounds (as many as the rounds column shows), the peers in rotated order. **Send latency**: from the call (in a paced row, from when the unit was due) to the peer's completion."
                + " **End to end**: from when the message was due to be sent (paced) to its consumer. **CPU**: cores this JVM and"
                + " other processes kept busy during the peer's rounds, the JVM's CPU time per message (broker included: it does not"
                + " depend on how busy the machine was) with the share of it spent in the kernel (system time: waking threads,"
                + " loopback sockets), how many of its threads were ready to run but waited for a core on average (the"
                + " kernel's run delay: where a saturated machine's latency goes), and this JVM's busiest thread groups (user and"
                + " system CPU time, native work included)."
                + " Bodies are 1 KiB.", run.smoke() ? "" : " First Java Flight Recorder (the profiles below) starts once, as its first"
                + " start makes most compiled code not entrant; then every peer sends in each kind of send of the run, pass after pass,"
                + " until the JIT compilers took less than 5% of a pass or 120 s have passed (checked after each pass).", run.rounds(), run.roundSeconds()));
        line("");
        line("![Throughput and send latency](benchmarks.png)");
        line("");
    }

    private static String loads(List<Double> averages) {
        return averages == null ? "unknown" : averages.stream().map(a -> String.format("%.2f", a)).collect(Collectors.joining(" / "));
    }

    private void goals() {
        line("## Goals");
        line("");
        line("A ratio of two peers is the ratio of their whole rates; it is also read round by round, as rounds of the same index ran"
                + " back to back: the rounds' lowest and highest ratio, and the 90% confidence interval of their geometric mean (Student's t)."
                + " A goal missed by less than that interval reaches is inside the run's noise: the run does not show it missed.");
        line("");
        line("| Workload | Goal | Measured | Met | Gap |");
        line("|---|---|---|---|---|");
        for (Check c : run.checks()) {
            line(row(c.workload(), c.goal(), c.measured(), c.met() == null ? "n/a" : c.met() ? "yes" : "**no**", c.gap()));
        }
        line("");
    }

    private void workloads() {
        line("## Workloads");
        line("");
        line("msg/s over all rounds (the slowest and fastest round in brackets); latencies in ms.");
        line("");
        for (WorkloadResult w : run.workloads()) {
            line("### " + w.title() + " (`" + w.id() + "`)");
            line("");
            line("| Peer | msg/s | rounds | vs last | store MiB/s | send p50 | p99 | p99.9 | e2e p50 | e2e p99 | CPU: JVM / others | busiest threads (cores) | notes |");
            line("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
            for (PeerResult p : w.peers()) {
                if (!p.ran()) {
                    line(row(p.label(), "", "", "", "", "", "", "", "", "", "", "", p.skipped()));
                    continue;
                }
                line(row(p.label(), num(p.msgPerSec()), rounds(p.rounds()), versus(w.id(), p), p.storeMiBPerSec() > 0 ? dec(p.storeMiBPerSec()) : "",
                        ms(p.send(), Latency::p50), ms(p.send(), Latency::p99), ms(p.send(), Latency::p999),
                        ms(p.endToEnd(), Latency::p50), ms(p.endToEnd(), Latency::p99),
                        cpu(p),
                        p.cpu().threads().entrySet().stream().limit(4).map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")),
                        notes(p)));
            }
            line("");
        }
    }

    /** Rates of runs on different processors differ by more than any change of ours: say so beside the comparison. */
    private static String sameProcessor(RunResult.Machine now, RunResult.Machine last) {
        if (now.processor() != null && now.processor().equals(last.processor())) {
            return ".";
        }
        return ", **which ran on " + (last.processor() == null ? "a processor it did not record" : last.processor())
                + "**: compare ratios within each run, not rates across the two.";
    }

    private static String cpu(PeerResult p) {
        CpuProfile cpu = p.cpu();
        if (cpu.jvmCores() < 0) {
            return "";
        }
        return String.format("%.2f / %.2f (%,.0f µs a message%s%s)", cpu.jvmCores(), cpu.otherCores(),
                cpu.jvmCores() * p.seconds() * 1e6 / p.messages(),
                cpu.kernelShare() > 0 ? String.format(", %.0f%% in the kernel", cpu.kernelShare() * 100) : "",
                cpu.waitingThreads() > 0 ? String.format("; %.2f threads waiting for a core", cpu.waitingThreads()) : "");
    }

    private void profiles() {
        if (run.profiles() == null || run.profiles().isEmpty()) {
            return;
        }
        line("## Where the time went (Java Flight Recorder)");
        line("");
        line("Method samples of this JVM's Java threads (every 10 ms per thread) while each workload ran, all its peers together:"
                + " the methods the samples were in (top frame), and the layer they were in (the first frame from the top in"
                + " RocketMQ's store, broker, remoting or client, ours, Camel, Netty or the harness). Threads blocked in the"
                + " kernel (disk flushes, socket waits) are not sampled: the busiest thread groups above count those.");
        line("");
        line("| Workload | samples | top frames | layers |");
        line("|---|---:|---|---|");
        run.profiles().forEach((workload, profile) -> {
            if (profile != null) {
                line(row(workload, num(profile.samples()), shares(profile.topFrames()), shares(profile.layers())));
            }
        });
        line("");
    }

    private static String shares(List<io.rocketcamel.benchmarks.system.Profiler.Share> shares) {
        return shares.stream().map(s -> String.format("%s %.0f%%", s.name(), 100 * s.share())).collect(Collectors.joining(", "));
    }

    private static String forks(int forks) {
        return forks == 1 ? "one fork" : forks + " forks";
    }

    private void conversions() {
        if (run.conversions().isEmpty()) {
            return;
        }
        line("## Per-exchange cost (JMH)");
        line("");
        line("One exchange of a 1 KiB body with a tag, a key and two user headers, and the consumed message of the same content;"
                + " last, a route with no component, the floor under any Camel component's send;"
                + " JMH 1.37, average time and `gc.alloc.rate.norm` of its gc profiler" + (run.smoke() ? " (smoke: one short iteration, in process)."
                : ", " + forks(run.conversions().get(0).forks()) + " of 3 warm-up and 5 measured iterations of 1 s each. Bytes: the mean over"
                  + " the forks, and the lowest and highest fork where they differ (the JIT removes an allocation in one fork and not in"
                  + " another)."));
        line("");
        line("| Component | Conversion | µs per operation | bytes allocated per operation |");
        line("|---|---|---:|---:|");
        for (ConversionCost c : run.conversions()) {
            String bytes = num(c.bytesPerOp()) + (Math.round(c.bytesLowestFork()) == Math.round(c.bytesHighestFork()) ? ""
                    : " (" + num(c.bytesLowestFork()) + " - " + num(c.bytesHighestFork()) + ")");
            line(row(c.component(), c.conversion(), String.format("%.3f ± %.3f", c.microsPerOp(), c.microsError()), bytes));
        }
        line("");
    }

    private void scenarios() {
        if (run.scenarios().isEmpty()) {
            return;
        }
        line("## The article's scenarios through the example routes");
        line("");
        line("The examples app in its load mode (`--rocketcamel.load.scenario=...`): the demo's routes, on its own embedded broker, driven"
                + " at the article's rate (and, where 2 cores cannot carry it, also at a rate they can) for a set time, after a warm-up at"
                + " that rate that is not counted (`rocketcamel.load.warm-up`), in a JVM of its own (`-Xmx512m`). Latency percentiles in ms;"
                + " *lost*: started and never finished after the drain period.");
        line("");
        line("| Scenario | offered | reached | started | finished | lost | latency | p50 | p99 | p99.9 | max | first bottleneck | notes |");
        line("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---|");
        for (JsonNode s : run.scenarios()) {
            JsonNode latency = s.path("latency");
            line(row(Goals.scenarioLabel(s), num(Goals.offeredPerMinute(s)) + "/min",
                    s.has("completedPerMinute") ? num(s.path("completedPerMinute").asDouble()) + "/min" : "",
                    num(s.path("submitted").asDouble()), num(s.path("completed").asDouble()), num(s.path("lost").asDouble()),
                    s.path("latencyName").asText(), dec2(latency.path("p50").asDouble()), dec2(latency.path("p99").asDouble()),
                    dec2(latency.path("p999").asDouble()), dec2(latency.path("max").asDouble()), s.path("bottleneck").asText(""),
                    s.hasNonNull("problem") ? "**" + s.path("problem").asText() + "**" : s.path("note").asText("")));
        }
        line("");
        line("![Rate, latency and consumer lag over time](benchmarks-scenarios.png)");
        line("");
    }

    private void memory() {
        RunResult.MemoryReport memory = run.memory();
        line("## Memory");
        line("");
        line("MiB. *RSS* is what the process holds in RAM, split into anonymous (heap, direct buffers, JVM) and file-backed (mostly"
                + " the store's mapped files the broker touched); *store mapped* is the address space of the store's mapped files and"
                + " *resident* how much of it is in RAM. *Direct* counts ByteBuffer.allocateDirect (RocketMQ's timer wheel"
                + " among them).");
        line("");
        if (!memory.brokerDefaults().isEmpty()) {
            line("### The embedded broker alone (`-Xmx512m`), and the effect of each default");
            line("");
            line("A JVM that runs only `EmbeddedRocketMQBroker.builder().start()`, at rest after start-up (and a GC), then after 200,000"
                    + " 1 KiB messages in batches of 64 spread over 20 topics of 8 queues; one fresh JVM per row. *idle CPU*: % of one core"
                    + " over 20 s at rest.");
            line("");
            line("| Broker | start s | RSS at rest | anon | heap used | direct | store mapped / resident | idle CPU | RSS after load | store mapped / resident | store on disk |");
            line("|---|---:|---:|---:|---:|---:|---|---:|---:|---|---:|");
            for (BrokerFootprint f : memory.brokerDefaults()) {
                if (f.problem() != null) {
                    line(row(f.variant(), "", "", "", "", "", "", "", "", "", f.problem()));
                    continue;
                }
                line(row(f.variant(), dec(f.startSeconds()), mib(f.atRest().rssMiB()), mib(f.atRest().rssAnonMiB()),
                        mib(f.atRest().heapUsedMiB()), mib(f.atRest().directMiB()), mapped(f.atRest()), dec(f.idleCpuPercent()) + " %",
                        mib(f.afterLoad().rssMiB()), mapped(f.afterLoad()), mib(f.storeDiskMiB())));
            }
            line("");
        }
        line("### Under load");
        line("");
        line("| Process | State | RSS | anon | file | heap used / committed | direct | store mapped / resident |");
        line("|---|---|---:|---:|---:|---|---:|---|");
        if (memory.benchmarkPeak() != null) {
            line(memoryRow("benchmark JVM: broker, every peer's clients, Camel", "peak while the workloads ran (sampled every second)",
                    memory.benchmarkPeak()));
        }
        for (AppFootprint app : memory.examples()) {
            if (app.problem() != null) {
                line(row("examples app, " + app.scenario(), "**" + app.problem() + "**", "", "", "", "", "", ""));
                continue;
            }
            line(memoryRow("examples app, " + app.scenario(), "at rest, after start-up and a GC", app.atRest()));
            line(memoryRow("examples app, " + app.scenario(), "peak under the scenario's load (sampled every second)", app.peak()));
            line(memoryRow("examples app, " + app.scenario(), "after the load and a GC", app.afterLoad()));
        }
        line("");
    }

    private void disk() {
        List<DiskUse> use = run.diskUse() == null ? List.of() : run.diskUse();
        if (run.disk() == null && use.isEmpty()) {
            return;
        }
        line("## Disk: the physical ceiling next to the store");
        line("");
        if (run.disk() != null) {
            line(String.format("A plain file of %,d MiB written sequentially in 1 MiB blocks on the store's file system: %.0f MiB/s to the page cache,"
                    + " %.0f MiB/s including the final fsync.", run.disk().bytes() >> 20, run.disk().cachedMiBPerSecond(), run.disk().syncedMiBPerSecond()));
            line("");
        }
        if (!use.isEmpty()) {
            DiskUse peak = use.stream().max(Comparator.comparingDouble(DiskUse::usedPercent)).orElseThrow();
            line(String.format("The store's file system, used as RocketMQ measures it (over 85%% the benchmark's broker deletes commit-log"
                    + " files whether read or not, over 90%% a broker refuses messages): %s; the most, %.0f%%, %s.",
                    use.stream().map(u -> String.format("%.0f%% %s", u.usedPercent(), u.stage())).collect(Collectors.joining(", ")),
                    peak.usedPercent(), peak.stage()));
            line("");
        }
    }

    private String versus(String workload, PeerResult p) {
        if (previous == null || previous.workload(workload) == null) {
            return "";
        }
        PeerResult before = previous.workload(workload).peer(p.peer());
        if (before == null || before.msgPerSec() <= 0) {
            return "";
        }
        return String.format("%+.0f%%", 100 * (p.msgPerSec() / before.msgPerSec() - 1));
    }

    private static String rounds(List<Double> rounds) {
        if (rounds.isEmpty()) {
            return "";
        }
        return "[" + num(rounds.stream().mapToDouble(d -> d).min().orElse(0)) + " – " + num(rounds.stream().mapToDouble(d -> d).max().orElse(0)) + "]";
    }

    private static String notes(PeerResult p) {
        String note = p.note() == null ? "" : p.note();
        return p.problem() == null ? note : note + (note.isEmpty() ? "" : "; ") + "**" + p.problem() + "**";
    }

    private static String ms(Latency latency, java.util.function.ToDoubleFunction<Latency> percentile) {
        return latency == null || latency.count() == 0 ? "" : dec2(percentile.applyAsDouble(latency));
    }

    private static String memoryRow(String process, String state, Memory m) {
        return row(process, state, mib(m.rssMiB()), mib(m.rssAnonMiB()), mib(m.rssFileMiB()),
                mib(m.heapUsedMiB()) + " / " + mib(m.heapCommittedMiB()), mib(m.directMiB()), mapped(m));
    }

    private static String mapped(Memory m) {
        return m.storeMappedMiB() < 0 ? "n/a" : mib(m.storeMappedMiB()) + " / " + mib(m.storeResidentMiB());
    }

    private static String mib(long value) {
        return value < 0 ? "n/a" : String.format("%,d", value);
    }

    private static String num(double value) {
        return String.format("%,.0f", value);
    }

    private static String dec(double value) {
        return String.format("%.1f", value);
    }

    private static String dec2(double value) {
        return String.format("%.2f", value);
    }

    private static String row(String... cells) {
        return "| " + java.util.Arrays.stream(cells).map(c -> c == null ? "" : c.replace("|", "\\|").replace("\n", " "))
                .collect(Collectors.joining(" | ")) + " |";
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}

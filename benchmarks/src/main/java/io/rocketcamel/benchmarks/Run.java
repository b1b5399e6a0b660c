package io.rocketcamel.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.rocketcamel.benchmarks.jmh.Conversions;
import io.rocketcamel.benchmarks.peers.Background;
import io.rocketcamel.benchmarks.peers.PeerSession;
import io.rocketcamel.benchmarks.peers.Peers;
import io.rocketcamel.benchmarks.report.Goals;
import io.rocketcamel.benchmarks.report.RunResult;
import io.rocketcamel.benchmarks.report.RunResult.AppFootprint;
import io.rocketcamel.benchmarks.report.RunResult.BrokerFootprint;
import io.rocketcamel.benchmarks.report.RunResult.ConversionCost;
import io.rocketcamel.benchmarks.report.RunResult.WorkloadResult;
import io.rocketcamel.benchmarks.system.CpuTicks;
import io.rocketcamel.benchmarks.system.DiskUse;
import io.rocketcamel.benchmarks.system.DiskWrite;
import io.rocketcamel.benchmarks.system.JitWarmUp;
import io.rocketcamel.benchmarks.system.Memory;
import io.rocketcamel.benchmarks.system.MemorySampler;
import io.rocketcamel.benchmarks.system.Processor;
import io.rocketcamel.benchmarks.system.Profiler;
import io.rocketcamel.broker.EmbeddedBrokerException;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;

/**
 * One run: the ASYNC_FLUSH workloads on one broker, the SYNC_FLUSH ones on a second, every peer of a workload in this
 * JVM against the same broker; then, with nothing else running in this JVM, the per-exchange cost (JMH), the embedded
 * broker's footprint and the examples app's scenarios, each in JVMs of their own.
 */
final class Run {

    private static final long CLOSE_TIMEOUT_SECONDS = 60;
    /** Where temporary stores go, the brokers' here and the examples app's in its own directory under it. */
    private static final Path TEMPORARY_STORES = Path.of(System.getProperty("java.io.tmpdir"));
    /** The broker's wait before it answers "broker busy"; RocketMQ's default, 200 ms, is reached now and then on a
     * 2-core machine shared with other work even with one caller, and such failures would measure the neighbours. */
    private static final String SEND_QUEUE_WAIT_MILLIS = "1000";
    /** The JIT has settled when its compilers took less than this share of a warm-up pass (summed over its threads). */
    private static final double JIT_SETTLED_SHARE = 0.05;
    /** No pass starts after this; the one running then goes to its end. */
    private static final Duration JIT_WARM_UP_MAX = Duration.ofSeconds(120);

    private final Options options;
    private final PrintStream progress;
    private final List<WorkloadResult> workloads = new ArrayList<>();
    private final Map<String, Profiler.Profile> profiles = new LinkedHashMap<>();
    private final long begin = System.nanoTime();
    private DiskWrite disk;
    private final List<DiskUse> diskUse = new ArrayList<>();

    Run(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    RunResult run() throws Exception {
        List<Double> loadBefore = loadAverages();
        CpuTicks cpuBefore = CpuTicks.now();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Workload> selected = Workload.all().stream()
                .filter(w -> options.runs(w.id()) && !(options.smoke() && w.variantOf() != null))
                .map(options::narrow).filter(w -> !w.peers().isEmpty()).toList();
        diskUse.add(DiskUse.of("at the start", TEMPORARY_STORES));
        Memory peak;
        try (MemorySampler sampler = new MemorySampler(() -> Memory.now(null), 1000)) {
            onBroker(false, selected);
            onBroker(true, selected);
            peak = sampler.peak();
        }
        double othersCpuShare = CpuTicks.now().othersShareSince(cpuBefore);
        List<ConversionCost> conversions = new ArrayList<>();
        if (options.runs("jmh")) {
            progress.printf("[%5.1f s] jmh: conversions%n", (System.nanoTime() - begin) / 1e9);
            conversions.addAll(Conversions.measure(options.smoke()));
        }
        // child JVMs: not in a smoke run, which must stay well under a minute
        List<BrokerFootprint> footprints = options.smoke() || !options.runs("footprint") ? List.of()
                : BrokerFootprints.measure(false, progress);
        List<JsonNode> scenarios = new ArrayList<>();
        List<AppFootprint> apps = new ArrayList<>();
        if (!options.smoke() && options.runs("examples")) {
            // the app's broker must not find the closed brokers' space taken
            awaitClosedStoresDeleted("the scenarios");
            diskUse.add(DiskUse.of("before the scenarios", TEMPORARY_STORES));
            ExamplesLoad examples = new ExamplesLoad(Path.of(ExamplesLoad.JAR), progress);
            for (ExamplesLoad.ScenarioRun scenario : ExamplesLoad.RUNS) {
                ExamplesLoad.Outcome outcome = examples.run(scenario, options.scenarioSeconds());
                scenarios.add(outcome.scenario());
                apps.add(outcome.footprint());
            }
        }
        return new RunResult(started.toString(), (System.nanoTime() - begin) / 60e9, machine(), loadBefore, loadAverages(), othersCpuShare,
                options.smoke(), options.rounds(), options.roundSeconds(), List.copyOf(workloads), profiles, Goals.evaluate(workloads, scenarios), conversions,
                new RunResult.MemoryReport(footprints, peak, apps), scenarios, disk, List.copyOf(diskUse));
    }

    private void onBroker(boolean syncFlush, List<Workload> selected) throws Exception {
        List<Workload> here = selected.stream().filter(w -> w.syncFlush() == syncFlush).toList();
        boolean diskToo = !syncFlush && options.runs("disk");
        if (here.isEmpty() && !diskToo) {
            return;
        }
        // At 20:49 the last broker's 48 GB were freed during sync-flush-1's first round, in which the raw client read
        // 246 msg/s (951-1,647 in its other rounds). A smoke run's stores are small, and it must stay under a minute.
        if (!options.smoke()) {
            awaitClosedStoresDeleted("this broker's workloads");
        }
        // A full run writes tens of GB through one broker. Its messages are disposable once measured, so it keeps
        // RocketMQ's forced clean-up over 85% disk use (the embedded broker turns it off), rather than refuse messages
        // over 90%; diskUse shows whether the run came near either.
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().syncFlush(syncFlush)
                .brokerProperty("waitTimeMillsInSendQueue", SEND_QUEUE_WAIT_MILLIS)
                .brokerProperty("cleanFileForciblyEnable", "true").start()) {
            BrokerStore store = new BrokerStore(broker);
            Topics topics = new Topics(store);
            Drain drain = new Drain(store, topics, progress, options.drainRounds());
            try (Peers peers = new Peers(store)) {
                if (!syncFlush && !options.smoke()) {
                    Profiler.startJfrOnce();
                    warmUpJit(here, peers, topics);
                }
                for (Workload workload : here) {
                    progress.printf("[%5.1f s] ", (System.nanoTime() - begin) / 1e9);
                    // a smoke run's rounds are too short for samples to mean anything
                    try (Profiler profiler = options.smoke() ? null : new Profiler()) {
                        workloads.add(workload.kind() == Workload.Kind.DRAIN
                                ? drain.run(workload, peers, options.backlog(workload))
                                : WorkloadRun.run(workload, peers, store, topics, options, progress));
                        if (profiler != null) {
                            profiles.put(workload.id(), profiler.stop());
                        }
                    }
                    diskUse.add(DiskUse.of("after " + workload.id(), broker.getStoreDir()));
                }
                Background.awaitAll(CLOSE_TIMEOUT_SECONDS);
            }
            if (diskToo) {
                long bytes = options.smoke() ? 16L << 20 : 1L << 30;
                progress.println("disk: writing " + (bytes >> 20) + " MiB");
                disk = DiskWrite.measure(broker.getStoreDir(), bytes);
            }
        }
    }

    /** Closed brokers' stores are deleted in the background; their disk work must not fall in what comes next. */
    private void awaitClosedStoresDeleted(String next) {
        try {
            EmbeddedRocketMQBroker.awaitBackgroundShutdown(Duration.ofMinutes(1));
        } catch (EmbeddedBrokerException e) {
            progress.println(e.getMessage() + "; " + next + " start anyway");
        }
    }

    /**
     * Before the first round: every peer sends for a round's length in each kind of send the run has (single, batch,
     * ordered, transactional, automatic batches), and again while the JIT compilers are still busy, so the first
     * workloads are not measured on code the JIT has not compiled yet. Phases too short for the JIT made the old
     * harness report the raw client at half its speed in its first workload. (The quarter of a core the compilers
     * still took in the first workload's rounds was JFR's first start, now before this: {@link Profiler#startJfrOnce}.)
     */
    private void warmUpJit(List<Workload> here, Peers peers, Topics topics) throws Exception {
        progress.printf("[%5.1f s] JIT warm-up%n", (System.nanoTime() - begin) / 1e9);
        Map<String, Workload> kinds = new LinkedHashMap<>();
        here.stream().filter(w -> w.kind() == Workload.Kind.SEND)
                .forEach(w -> kinds.putIfAbsent(w.send() + "/" + w.batch() + "/" + w.ordered() + "/" + w.ours(), w));
        JitWarmUp.ofThisJvm(JIT_SETTLED_SHARE, JIT_WARM_UP_MAX, progress).run(() -> {
            for (Workload workload : kinds.values()) {
                for (String id : workload.peers()) {
                    if (peers.get(id).unsupported(workload) == null) {
                        try (PeerSession session = peers.get(id).open(workload, topics.create("warm-up", id))) {
                            session.warmUp(options.roundNanos());
                        }
                    }
                }
            }
        });
    }

    private static RunResult.Machine machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return new RunResult.Machine(Runtime.getRuntime().availableProcessors(), Processor.describe(), memory >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() >> 20);
    }

    /** 1, 5 and 15 minutes, as {@code uptime} prints them; only the first where /proc is missing. */
    private static List<Double> loadAverages() {
        try {
            String[] fields = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
        } catch (java.io.IOException | RuntimeException e) {
            return List.of(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}

package io.rocketcamel.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;

/**
 * Runs the selected scenarios: everything on one ASYNC_FLUSH broker, then the SYNC_FLUSH scenarios on a second one,
 * every peer of a scenario in the same broker and JVM, one after the other; then the examples app in its own JVM,
 * with nothing else running.
 */
final class BenchmarkRun {

    private static final long CLOSE_TIMEOUT_SECONDS = 60;
    private static final int ROUNDS = 4;
    /** The broker's wait before it answers "broker busy"; RocketMQ's default is 200 ms (see {@link #broker}). */
    static final long SEND_QUEUE_WAIT_MILLIS = 1000;

    private final Options options;
    private final Sizes sizes;
    private final PrintStream progress;
    private final ComponentCatalog catalog = ComponentCatalog.load();
    private final List<Result> results = new ArrayList<>();
    private int topics;

    BenchmarkRun(Options options, PrintStream progress) {
        this.options = options;
        this.sizes = options.sizes();
        this.progress = progress;
    }

    RunData run() throws Exception {
        double loadBefore = Machine.load();
        CpuTicks cpuBefore = CpuTicks.now();
        Instant started = Instant.now();
        long begin = System.nanoTime();
        Memory idle;
        Memory peak;
        Memory after;
        DiskWrite disk = null;
        try (MemorySampler sampler = new MemorySampler(Memory::now); CamelPeers camel = new CamelPeers()) {
            try (EmbeddedRocketMQBroker broker = broker(false)) {
                idle = idleMemory();
                BrokerStore store = new BrokerStore(broker);
                Peers peers = new Peers(store, camel, catalog);
                runScenarios(peers, store, false);
                if (options.runs("drain")) {
                    drain(peers, store);
                }
                if (options.runs("disk")) {
                    progress.println("disk: writing " + (sizes.diskBytes() >> 20) + " MiB");
                    disk = DiskWrite.measure(broker.getStoreDir(), sizes.diskBytes());
                }
                Background.awaitAll(CLOSE_TIMEOUT_SECONDS);
            }
            if (sizes.scenarios().stream().anyMatch(s -> s.syncFlush() && options.runs(s.id()))) {
                try (EmbeddedRocketMQBroker broker = broker(true)) {
                    BrokerStore store = new BrokerStore(broker);
                    runScenarios(new Peers(store, camel, catalog), store, true);
                    Background.awaitAll(CLOSE_TIMEOUT_SECONDS);
                }
            }
            peak = sampler.peak();
            after = Memory.now();
        }
        double othersCpuShare = CpuTicks.now().othersShareSince(cpuBefore);
        AppMemory examples = examplesApp();
        return new RunData(started, (System.nanoTime() - begin) / 60e9, Machine.current(), loadBefore, othersCpuShare,
                idle, peak, after, examples, List.copyOf(results), disk, options);
    }

    /** The broker alone, before any client exists: what an application embedding it pays at rest. */
    private static Memory idleMemory() throws InterruptedException {
        System.gc();
        return MemorySampler.settled(Memory::now);
    }

    /** Not in the smoke run: the app's demo alone takes a minute, and the smoke run only checks the scenarios. */
    private AppMemory examplesApp() {
        if (options.smoke()) {
            return AppMemory.notMeasured("not measured in a smoke run");
        }
        if (!options.runs("examples")) {
            return AppMemory.notMeasured("not measured: not selected with --only");
        }
        return ExamplesApp.measure(Path.of(ExamplesApp.JAR), progress);
    }

    /**
     * The broker's defaults except its send-queue wait: above 200 ms it answers "broker busy", which a 2-core machine
     * shared with other work reaches now and then even with one caller; such failures would measure the neighbours.
     */
    private static EmbeddedRocketMQBroker broker(boolean syncFlush) {
        return EmbeddedRocketMQBroker.builder().syncFlush(syncFlush)
                .brokerProperty("waitTimeMillsInSendQueue", String.valueOf(SEND_QUEUE_WAIT_MILLIS)).start();
    }

    private Scenario scenario(String id) {
        return sizes.scenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private void runScenarios(Peers peers, BrokerStore store, boolean syncFlush) {
        for (Scenario scenario : sizes.scenarios()) {
            if (scenario.syncFlush() == syncFlush && options.runs(scenario.id())) {
                measure(scenario, peers, store);
            }
        }
    }

    /**
     * The peers of a scenario take turns in {@value #ROUNDS} rounds, each round in a rotated order: run one after the
     * other, throughput rose steadily over the first minutes whoever ran first (JIT, background work of the shared
     * broker), which made the first peer look up to 2x slower.
     */
    private void measure(Scenario scenario, Peers peers, BrokerStore store) {
        Map<Peer, Lane> lanes = new LinkedHashMap<>();
        Map<Peer, Result> outcomes = new LinkedHashMap<>();
        for (Peer peer : scenario.peers()) {
            String reason = peers.unsupported(peer, scenario);
            if (reason != null) {
                outcomes.put(peer, Result.skipped(scenario, peer, reason));
                continue;
            }
            try {
                lanes.put(peer, new Lane(peer, scenario, peers, topic(scenario.id(), peer, store), topic(scenario.id() + "-e2e", peer, store), store));
            } catch (Exception e) {
                outcomes.put(peer, failed(scenario, peer, e));
            }
        }
        progress.printf("%s: %,d messages per peer, %s%n", scenario.id(), scenario.messages(),
                lanes.keySet().stream().map(Peer::label).toList());
        List<Peer> order = new ArrayList<>(lanes.keySet());
        for (int round = 0; round < ROUNDS; round++) {
            int units = scenario.units() / ROUNDS + (round < scenario.units() % ROUNDS ? 1 : 0);
            for (Peer peer : order) {
                try {
                    lanes.get(peer).round(units);
                } catch (Exception e) {
                    outcomes.put(peer, failed(scenario, peer, e));
                }
            }
            Collections.rotate(order, 1);
        }
        for (Lane lane : lanes.values()) {
            try (lane) {
                outcomes.putIfAbsent(lane.peer(), result(scenario, lane));
            } catch (Exception e) {
                outcomes.put(lane.peer(), failed(scenario, lane.peer(), e));
            }
        }
        scenario.peers().forEach(peer -> results.add(outcomes.get(peer)));
    }

    private Result result(Scenario scenario, Lane lane) throws Exception {
        ThroughputPhase.Outcome throughput = lane.throughput();
        EndToEndPhase.Outcome e2e = lane.endToEnd(sizes.endToEnd(), options.rate());
        Result result = new Result(scenario.id(), scenario.title(), lane.peer(), null, throughput.messages(), throughput.seconds(),
                throughput.storeMiBPerSecond(), throughput.send(), e2e.latency(), note(scenario, e2e), problem(throughput.problem(), e2e),
                throughput.profile());
        progress.printf("  %s: %,.0f msg/s, send p99 %.2f ms, e2e p99 %.2f ms%s%n", lane.peer().label(), result.messagesPerSecond(),
                result.send().p99(), e2e.latency().p99(), result.problem() == null ? "" : " PROBLEM: " + result.problem());
        return result;
    }

    private Result failed(Scenario scenario, Peer peer, Exception e) {
        progress.println("  " + peer.label() + " FAILED: " + e);
        return new Result(scenario.id(), scenario.title(), peer, null, 0, 0, 0, null, null, null, "failed: " + e, Profile.NONE);
    }

    private static String note(Scenario scenario, EndToEndPhase.Outcome e2e) {
        return scenario.ordered() ? "per-key order violations seen by the ORDERLY consumer: " + e2e.orderViolations() : null;
    }

    private static String problem(String throughputProblem, EndToEndPhase.Outcome e2e) {
        String missing = e2e.received() < e2e.expected() ? "end-to-end: received " + e2e.received() + " of " + e2e.expected() : null;
        if (throughputProblem == null) {
            return missing;
        }
        return missing == null ? throughputProblem : throughputProblem + " " + missing;
    }

    private void drain(Peers peers, BrokerStore store) {
        String topic = topic("backlog", Peer.RAW, store);
        progress.printf("drain: filling a backlog of %,d messages%n", sizes.backlog());
        Scenario batch = scenario("batch");
        long backlog;
        try (Sender sender = peers.sender(Peer.RAW, batch, topic)) {
            backlog = DrainPhase.fill(sender, store, topic, sizes.backlog());
        } catch (Exception e) {
            progress.println("  FAILED: " + e);
            results.add(new Result("drain-concurrently", "Drain a backlog", Peer.RAW, null, 0, 0, 0, null, null, null,
                    "filling the backlog failed: " + e, Profile.NONE));
            return;
        }
        for (boolean orderly : new boolean[] {false, true}) {
            for (Peer peer : List.of(Peer.RAW, Peer.OURS, Peer.APACHE_DEFAULT)) {
                results.add(drain(peers, peer, topic, orderly, backlog));
            }
        }
    }

    private Result drain(Peers peers, Peer peer, String topic, boolean orderly, long backlog) {
        String id = orderly ? "drain-orderly" : "drain-concurrently";
        String title = String.format("Drain a backlog of %,d, %s", backlog, orderly ? "ORDERLY" : "CONCURRENTLY");
        if (orderly && peer.apache()) {
            return new Result(id, title, peer, "camel-rocketmq 4.17 has no orderly consumer", 0, 0, 0, null, null, null, null, Profile.NONE);
        }
        progress.printf("%s / %s%n", id, peer.label());
        try {
            String group = "g-" + id + "-" + peer.name().toLowerCase().replace('_', '-');
            DrainPhase.Outcome outcome = DrainPhase.drain(listener -> peers.receiver(peer, topic, group, orderly, listener), backlog);
            String problem = outcome.received() < backlog ? "received " + outcome.received() + " of " + backlog : null;
            Result result = new Result(id, title, peer, null, outcome.received(), outcome.seconds(), 0, null, null,
                    String.format("first message after %.1f s", outcome.startSeconds()), problem, Profile.NONE);
            progress.printf("  %,.0f msg/s%n", result.messagesPerSecond());
            return result;
        } catch (Exception e) {
            progress.println("  FAILED: " + e);
            return new Result(id, title, peer, null, 0, 0, 0, null, null, null, "failed: " + e, Profile.NONE);
        }
    }

    private String topic(String scenario, Peer peer, BrokerStore store) {
        String topic = "b" + (++topics) + "-" + scenario + "-" + peer.name().toLowerCase().replace('_', '-');
        store.createTopic(topic);
        return topic;
    }
}

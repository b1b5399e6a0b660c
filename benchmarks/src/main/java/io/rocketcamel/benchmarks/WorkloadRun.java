package io.rocketcamel.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rocketcamel.benchmarks.peers.Peer;
import io.rocketcamel.benchmarks.peers.PeerSession;
import io.rocketcamel.benchmarks.peers.Peers;
import io.rocketcamel.benchmarks.report.Latency;
import io.rocketcamel.benchmarks.report.RunResult.CpuProfile;
import io.rocketcamel.benchmarks.report.RunResult.PeerResult;
import io.rocketcamel.benchmarks.report.RunResult.WorkloadResult;
import io.rocketcamel.benchmarks.system.CpuTicks;
import io.rocketcamel.benchmarks.system.ThreadCpu;

/**
 * One SEND or E2E workload: every peer's session is opened and warmed up, then the peers take turns in
 * rounds, each round in a rotated order, so drift during the run (JIT, the shared broker's background work, the
 * neighbours' load) is spread over all of them. A round counts from its first send until the broker has stored the
 * last message, so a peer that completes before the broker answers gets no credit for unsent work.
 */
final class WorkloadRun {

    private static final long STORE_STALL_MILLIS = 3_000;
    /** Thread groups kept per peer in the results. */
    private static final int THREAD_GROUPS = 8;

    private final Workload workload;
    private final BrokerStore store;
    private final Topics topics;
    private final PrintStream progress;
    private final Map<String, PeerResult> results = new LinkedHashMap<>();
    private final Map<String, Turns> turns = new LinkedHashMap<>();

    private WorkloadRun(Workload workload, BrokerStore store, Topics topics, PrintStream progress) {
        this.workload = workload;
        this.store = store;
        this.topics = topics;
        this.progress = progress;
    }

    static WorkloadResult run(Workload workload, Peers peers, BrokerStore store, Topics topics, Options options, PrintStream progress) {
        return new WorkloadRun(workload, store, topics, progress).measure(peers, options);
    }

    private WorkloadResult measure(Peers peers, Options options) {
        for (String id : workload.peers()) {
            Peer peer = peers.get(id);
            String reason = peer.unsupported(workload);
            if (reason != null) {
                results.put(id, skipped(peer, reason));
                continue;
            }
            String topic = topics.create(workload.id(), id);
            try {
                PeerSession session = peer.open(workload, topic);
                turns.put(id, new Turns(peer, session, topic));
                session.warmUp(options.warmupNanos());
            } catch (Exception e) {
                results.put(id, failed(peer, e));
                Turns opened = turns.remove(id);
                if (opened != null) {
                    opened.session.close();
                }
            }
        }
        progress.printf("%s: %s%n", workload.id(), turns.keySet());
        List<Turns> order = new ArrayList<>(turns.values());
        for (int round = 0; round < options.rounds(); round++) {
            for (Turns turn : order) {
                if (!results.containsKey(turn.peer.id())) {
                    try {
                        turn.round(options.roundNanos());
                    } catch (Exception e) {
                        results.put(turn.peer.id(), failed(turn.peer, e));
                    }
                }
            }
            Collections.rotate(order, 1);
        }
        for (Turns turn : turns.values()) {
            try (PeerSession session = turn.session) {
                results.putIfAbsent(turn.peer.id(), turn.result());
            } catch (Exception e) {
                results.put(turn.peer.id(), failed(turn.peer, e));
            }
            PeerResult result = results.get(turn.peer.id());
            progress.printf("  %-40s %,10.0f msg/s  send p99 %6.2f ms%s%n", result.label(), result.msgPerSec(),
                    result.send() == null ? 0 : result.send().p99(), result.problem() == null ? "" : "  PROBLEM: " + result.problem());
        }
        return new WorkloadResult(workload.id(), workload.title(), workload.goal(),
                workload.peers().stream().map(results::get).toList());
    }

    private PeerResult skipped(Peer peer, String reason) {
        return new PeerResult(peer.id(), peer.label(), reason, 0, 0, 0, 0, List.of(), null, null, null, null, CpuProfile.NONE);
    }

    private PeerResult failed(Peer peer, Exception e) {
        progress.println("  " + peer.label() + " FAILED: " + e);
        return new PeerResult(peer.id(), peer.label(), null, 0, 0, 0, 0, List.of(), null, null, null, "failed: " + e, CpuProfile.NONE);
    }

    /** One peer's session and what its rounds measured. */
    private final class Turns {

        private final Peer peer;
        private final PeerSession session;
        private final String topic;
        private final List<Double> rates = new ArrayList<>();
        private final Map<String, Long> threadTicks = new HashMap<>();
        private long sent;
        private long stored;
        private long nanos;
        private long commitLogBytes;
        private long failures;
        private Throwable firstFailure;
        private long ownTicks;
        private long ownKernelTicks;
        private long allTicks;
        private long busyTicks;
        private long waitingNanos;

        Turns(Peer peer, PeerSession session, String topic) {
            this.peer = peer;
            this.session = session;
            this.topic = topic;
        }

        void round(long roundNanos) throws Exception {
            long storedBefore = store.stored(topic);
            long commitLog = store.commitLogBytes();
            CpuTicks cpu = CpuTicks.now();
            ThreadCpu threads = ThreadCpu.now();
            long begin = System.nanoTime();
            PeerSession.Round round = session.round(roundNanos);
            long storedAt = store.awaitStored(topic, storedBefore + round.messages(), STORE_STALL_MILLIS);
            long end = Math.max(round.endNanos(), storedAt);
            CpuTicks cpuAfter = CpuTicks.now();
            ThreadCpu threadsAfter = ThreadCpu.now();
            threadsAfter.since(threads).forEach((group, ticks) -> threadTicks.merge(group, ticks, Long::sum));
            waitingNanos += threadsAfter.waitingNanosSince(threads);
            long roundStored = store.stored(topic) - storedBefore;
            commitLogBytes += store.commitLogBytes() - commitLog;
            ownTicks += cpuAfter.ownTicks() - cpu.ownTicks();
            ownKernelTicks += cpuAfter.ownKernelTicks() - cpu.ownKernelTicks();
            allTicks += cpuAfter.allTicks() - cpu.allTicks();
            busyTicks += cpuAfter.busyTicks() - cpu.busyTicks();
            sent += round.messages();
            stored += roundStored;
            nanos += end - begin;
            failures += round.failures();
            if (firstFailure == null) {
                firstFailure = round.firstFailure();
            }
            rates.add(roundStored / ((end - begin) / 1e9));
        }

        PeerResult result() throws Exception {
            double seconds = nanos / 1e9;
            Latency send = session.sendLatency();
            Latency endToEnd = session.endToEndLatency();
            List<String> problems = new ArrayList<>();
            if (failures > 0) {
                problems.add(failures + " sends failed, first: " + firstFailure);
            }
            if (stored < sent) {
                problems.add("the broker stored " + stored + " of " + sent + " messages");
            }
            if (session.problem() != null) {
                problems.add(session.problem());
            }
            String note = null;
            if (workload.ordered() && session.sendLatency().count() > 0) {
                // the plain loop sends unstamped bodies: nothing to check
                OrderCheck order = OrderCheck.of(store, topic);
                note = order.toString();
                if (!order.kept()) {
                    problems.add(note);
                }
            }
            return new PeerResult(peer.id(), peer.label(), null, stored, seconds, stored / seconds,
                    commitLogBytes / (1024.0 * 1024.0) / seconds, List.copyOf(rates), send, endToEnd, note,
                    problems.isEmpty() ? null : String.join("; ", problems), cpu(seconds));
        }

        private CpuProfile cpu(double seconds) {
            int cores = Runtime.getRuntime().availableProcessors();
            if (allTicks <= 0) {
                return CpuProfile.NONE;
            }
            double ticksPerCoreSecond = allTicks / (seconds * cores);
            Map<String, Double> groups = new LinkedHashMap<>();
            threadTicks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(THREAD_GROUPS)
                    .forEach(e -> groups.put(e.getKey(), round(e.getValue() / (seconds * ticksPerCoreSecond))));
            double own = ownTicks * (double) cores / allTicks;
            double others = Math.max(0, busyTicks - ownTicks) * (double) cores / allTicks;
            return new CpuProfile(round(own), round(others), ownTicks > 0 ? round(ownKernelTicks / (double) ownTicks) : -1,
                    round(waitingNanos / (seconds * 1e9)), groups);
        }

        private static double round(double cores) {
            return Math.round(cores * 100) / 100.0;
        }
    }
}

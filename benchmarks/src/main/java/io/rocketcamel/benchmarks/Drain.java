package io.rocketcamel.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.rocketcamel.benchmarks.peers.Peer;
import io.rocketcamel.benchmarks.peers.Peers;
import io.rocketcamel.benchmarks.peers.Receiver;
import io.rocketcamel.benchmarks.report.RunResult.CpuProfile;
import io.rocketcamel.benchmarks.report.RunResult.PeerResult;
import io.rocketcamel.benchmarks.report.RunResult.WorkloadResult;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;

/**
 * Consume throughput: one backlog, written once with raw batch sends, drained whole by each peer in a consumer group
 * of its own from the first offset, in rounds: each round drains it once per peer, the peers in a rotated order, so
 * drift during the run does not favour one. A drain is timed from the first message received to the last, so a
 * consumer's start-up is left out (and reported in the row's note).
 */
final class Drain {

    private static final long STALL_MILLIS = 45_000;

    private final BrokerStore store;
    private final Topics topics;
    private final PrintStream progress;
    private final int rounds;
    private String topic;
    private long backlog;

    /** @param rounds how often each peer drains the backlog */
    Drain(BrokerStore store, Topics topics, PrintStream progress, int rounds) {
        this.store = store;
        this.topics = topics;
        this.progress = progress;
        this.rounds = rounds;
    }

    WorkloadResult run(Workload workload, Peers peers, long backlogSize) throws Exception {
        if (topic == null) {
            fill(backlogSize);
        }
        List<Peer> runnable = workload.peers().stream().map(peers::get).filter(peer -> peer.unsupported(workload) == null)
                .toList();
        Map<String, List<Drained>> drained = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < runnable.size(); i++) {
                Peer peer = runnable.get((i + round) % runnable.size());
                drained.computeIfAbsent(peer.id(), id -> new ArrayList<>()).add(drain(workload, peer, round));
            }
        }
        List<PeerResult> results = new ArrayList<>();
        for (String id : workload.peers()) {
            Peer peer = peers.get(id);
            String reason = peer.unsupported(workload);
            results.add(reason != null
                    ? new PeerResult(id, peer.label(), reason, 0, 0, 0, 0, List.of(), null, null, null, null, CpuProfile.NONE)
                    : result(peer, drained.get(id)));
        }
        return new WorkloadResult(workload.id(), workload.title(), workload.goal(), results);
    }

    /** One drain of the whole backlog: messages received, seconds from the first to the last, start-up seconds. */
    private record Drained(long messages, double seconds, double startSeconds, String problem) {

        double msgPerSec() {
            return seconds > 0 ? messages / seconds : 0;
        }
    }

    private static PeerResult result(Peer peer, List<Drained> drains) {
        long messages = drains.stream().mapToLong(Drained::messages).sum();
        double seconds = drains.stream().mapToDouble(Drained::seconds).sum();
        DoubleSummaryStatistics start = drains.stream().mapToDouble(Drained::startSeconds).summaryStatistics();
        String min = String.format("%.1f", start.getMin());
        String max = String.format("%.1f", start.getMax());
        String note = "first message after " + (min.equals(max) ? min : min + "-" + max) + " s";
        String problem = drains.stream().map(Drained::problem).filter(Objects::nonNull).findFirst().orElse(null);
        return new PeerResult(peer.id(), peer.label(), null, messages, seconds, seconds > 0 ? messages / seconds : 0, 0,
                drains.stream().map(Drained::msgPerSec).toList(), null, null, note, problem, CpuProfile.NONE);
    }

    private void fill(long messages) throws Exception {
        topic = topics.create("backlog", "raw");
        progress.printf("drain: filling a backlog of %,d messages%n", messages);
        DefaultMQProducer producer = new DefaultMQProducer("backlog-filler");
        producer.setNamesrvAddr(store.namesrvAddr());
        producer.setInstanceName("backlog-filler");
        producer.start();
        try {
            List<byte[]> bodies = Collections.nCopies(64, Payloads.SHARED);
            for (long sent = 0; sent < messages; sent += bodies.size()) {
                List<Message> batch = new ArrayList<>(bodies.size());
                bodies.forEach(body -> batch.add(new Message(topic, body)));
                producer.send(batch);
            }
        } finally {
            producer.shutdown();
        }
        store.awaitStored(topic, messages, 5_000);
        backlog = store.stored(topic);
    }

    private Drained drain(Workload workload, Peer peer, int round) {
        progress.printf("%s / %s, round %d%n", workload.id(), peer.label(), round + 1);
        AtomicLong received = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        long begin = System.nanoTime();
        try {
            Receiver receiver = peer.receive(topic, "g-" + workload.id() + "-" + peer.id() + "-" + round,
                    workload.orderly(), body -> {
                        long now = System.nanoTime();
                        if (received.getAndIncrement() == 0) {
                            first.set(now);
                        }
                        last.accumulateAndGet(now, Math::max);
                    });
            try {
                long seen = -1;
                long progressAt = System.currentTimeMillis();
                while (received.get() < backlog && System.currentTimeMillis() - progressAt < STALL_MILLIS) {
                    Thread.sleep(20);
                    if (received.get() != seen) {
                        seen = received.get();
                        progressAt = System.currentTimeMillis();
                    }
                }
            } finally {
                receiver.close();
            }
        } catch (Exception e) {
            progress.println("  FAILED: " + e);
            return new Drained(received.get(), 0, 0, "failed: " + e);
        }
        long count = received.get();
        Drained drained = new Drained(count, count > 1 ? (last.get() - first.get()) / 1e9 : 0,
                count > 0 ? (first.get() - begin) / 1e9 : 0, count < backlog ? "received " + count + " of " + backlog : null);
        progress.printf("  %,.0f msg/s%n", drained.msgPerSec());
        return drained;
    }
}

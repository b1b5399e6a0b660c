package io.rocketcamel.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * Consume throughput: one backlog, written once with raw batch sends, drained by each peer in its own consumer group
 * from the first offset; timed from the first message received to the last, so a consumer's start-up is left out (and
 * reported in the row's note).
 */
final class Drain {

    private static final long STALL_MILLIS = 45_000;

    private final BrokerStore store;
    private final Topics topics;
    private final PrintStream progress;
    private String topic;
    private long backlog;

    Drain(BrokerStore store, Topics topics, PrintStream progress) {
        this.store = store;
        this.topics = topics;
        this.progress = progress;
    }

    WorkloadResult run(Workload workload, Peers peers, long backlogSize) throws Exception {
        if (topic == null) {
            fill(backlogSize);
        }
        List<PeerResult> results = new ArrayList<>();
        for (String id : workload.peers()) {
            Peer peer = peers.get(id);
            String reason = peer.unsupported(workload);
            results.add(reason != null
                    ? new PeerResult(id, peer.label(), reason, 0, 0, 0, 0, List.of(), null, null, null, null, CpuProfile.NONE)
                    : drain(workload, peer));
        }
        return new WorkloadResult(workload.id(), workload.title(), workload.goal(), results);
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

    private PeerResult drain(Workload workload, Peer peer) {
        progress.printf("%s / %s%n", workload.id(), peer.label());
        AtomicLong received = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        long begin = System.nanoTime();
        try {
            Receiver receiver = peer.receive(topic, "g-" + workload.id() + "-" + peer.id(), workload.orderly(), body -> {
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
            return new PeerResult(peer.id(), peer.label(), null, 0, 0, 0, 0, List.of(), null, null, null, "failed: " + e, CpuProfile.NONE);
        }
        long count = received.get();
        double seconds = count > 1 ? (last.get() - first.get()) / 1e9 : 0;
        String note = String.format("first message after %.1f s", count > 0 ? (first.get() - begin) / 1e9 : 0);
        String problem = count < backlog ? "received " + count + " of " + backlog : null;
        progress.printf("  %,.0f msg/s%n", seconds > 0 ? count / seconds : 0);
        return new PeerResult(peer.id(), peer.label(), null, count, seconds, seconds > 0 ? count / seconds : 0, 0, List.of(),
                null, null, note, problem, CpuProfile.NONE);
    }
}

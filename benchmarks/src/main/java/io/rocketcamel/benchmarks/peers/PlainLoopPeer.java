package io.rocketcamel.benchmarks.peers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.rocketcamel.benchmarks.BrokerStore;
import io.rocketcamel.benchmarks.Payloads;
import io.rocketcamel.benchmarks.Workload;
import io.rocketcamel.benchmarks.report.Latency;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;

/**
 * The raw client in the plainest loop that does the workload's sends: no latency recording, no callbacks beyond the
 * client's, one shared body. Measured in turns with the other peers, it is the yardstick of the harness: the raw
 * client's row, sent through the harness, must come within 10% of it.
 */
final class PlainLoopPeer implements Peer {

    private final BrokerStore store;

    PlainLoopPeer(BrokerStore store) {
        this.store = store;
    }

    @Override
    public String id() {
        return "plain-loop";
    }

    @Override
    public String label() {
        return "raw client, plain loop";
    }

    @Override
    public String unsupported(Workload workload) {
        if (workload.kind() != Workload.Kind.SEND || workload.send() == Workload.SendMode.ONEWAY || !workload.ours().isEmpty()) {
            return "the plain loop only measures confirmed sends";
        }
        return null;
    }

    @Override
    public PeerSession open(Workload workload, String topic) throws Exception {
        return new Loop(workload, RawClientPeer.producer(store, workload, "plain-" + topic), topic);
    }

    @Override
    public Receiver receive(String topic, String group, boolean orderly, Consumer<byte[]> listener) {
        throw new UnsupportedOperationException("the plain loop only sends");
    }

    private static final class Loop implements PeerSession {

        private final Workload workload;
        private final DefaultMQProducer producer;
        private final String topic;
        private final List<byte[]> batch;

        Loop(Workload workload, DefaultMQProducer producer, String topic) {
            this.workload = workload;
            this.producer = producer;
            this.topic = topic;
            this.batch = Collections.nCopies(workload.batch(), Payloads.SHARED);
        }

        @Override
        public Round round(long nanos) throws Exception {
            long deadline = System.nanoTime() + nanos;
            LongAdder units = new LongAdder();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < workload.callers(); c++) {
                int caller = c;
                threads.add(new Thread(() -> {
                    try {
                        units.add(workload.send() == Workload.SendMode.ASYNC ? async(deadline) : sync(caller, deadline));
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }, "plain-loop-" + c));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            return new Round(units.sum() * workload.batch(), failure.get() == null ? 0 : 1, failure.get(), System.nanoTime());
        }

        private long sync(int caller, long deadline) throws Exception {
            long units = 0;
            for (; System.nanoTime() < deadline; units++) {
                if (workload.batch() > 1) {
                    producer.send(RawClientPeer.messages(topic, batch));
                } else if (workload.send() == Workload.SendMode.TRANSACTIONAL) {
                    producer.sendMessageInTransaction(new Message(topic, Payloads.SHARED), null);
                } else if (workload.ordered()) {
                    int key = caller * workload.keysPerCaller() + (int) (units % workload.keysPerCaller());
                    producer.send(new Message(topic, Payloads.SHARED), RawClientPeer.BY_KEY, "key-" + key);
                } else {
                    producer.send(new Message(topic, Payloads.SHARED));
                }
            }
            return units;
        }

        private long async(long deadline) throws Exception {
            Semaphore permits = new Semaphore(workload.inFlight());
            SendCallback release = new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    permits.release();
                }

                @Override
                public void onException(Throwable e) {
                    permits.release();
                }
            };
            long units = 0;
            for (; System.nanoTime() < deadline; units++) {
                permits.acquire();
                producer.send(new Message(topic, Payloads.SHARED), release);
            }
            permits.acquire(workload.inFlight());
            return units;
        }

        @Override
        public Latency sendLatency() {
            return Latency.NONE;
        }

        @Override
        public Latency endToEndLatency() {
            return Latency.NONE;
        }

        @Override
        public void close() {
            Background.close(producer::shutdown);
        }
    }
}

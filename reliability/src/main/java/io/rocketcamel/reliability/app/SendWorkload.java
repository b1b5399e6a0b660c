package io.rocketcamel.reliability.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Sends {@code count} messages {@code NAME-SEQ} through one route, paced at {@code rate} per second (0: as fast as
 * it goes), from {@code threads} threads with at most {@code inflight} exchanges unfinished. Each acknowledged
 * exchange is recorded as {@code A id micros broker queue status}, each failure the caller saw as
 * {@code F id micros cause}; a failed message is sent again 100 ms later (when {@code retry} is on), as an
 * application that must not lose it would.
 */
record SendWorkload(String name, String topic, String options, int threads, int inflight, int count, int rate,
        int keys, boolean retry, Path records) {

    private static final long RETRY_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    static SendWorkload from(String name, AppConfig config) {
        return new SendWorkload(name, config.get(name + ".topic"), config.get(name + ".options", ""),
                config.getInt(name + ".threads", 1), config.getInt(name + ".inflight", 1), config.getInt(name + ".count", 0),
                config.getInt(name + ".rate", 0), config.getInt(name + ".keys", 1),
                Boolean.parseBoolean(config.get(name + ".retry", "true")), Path.of(config.get(name + ".records")));
    }

    String uri(String namesrv) {
        return "rocketmq:" + topic + "?namesrvAddr=" + namesrv + (options.isEmpty() ? "" : "&" + options);
    }

    static String id(String name, int seq) {
        return name + "-" + seq;
    }

    String summary() {
        return name + " count=" + count;
    }

    /** @return whether every message was acknowledged (or, without retries, attempted) before the deadline */
    boolean run(CamelContext camel, ProducerTemplate template, Duration deadline, Lockstep lockstep) {
        // left open: callbacks of exchanges still in flight at the deadline append to it until the process exits
        Run run = new Run(camel, template, new RecordFile(records), lockstep);
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < threads; i++) {
                workers.submit(run::loop);
            }
            return run.finished.await(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            run.stopped = true;
            workers.shutdownNow();
        }
    }

    /** One run's shared state: the next new message, the messages to send again, the exchanges in flight. */
    private final class Run {
        private final CamelContext camel;
        private final ProducerTemplate template;
        private final Semaphore permits = new Semaphore(inflight);
        private final DelayQueue<Retry> retries = new DelayQueue<>();
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch finished = new CountDownLatch(count);
        private final long start = System.nanoTime();
        private final RecordFile records;
        private final Lockstep lockstep;
        private final IntSupplier completions = () -> (int) (count - finished.getCount());
        private volatile boolean stopped;

        Run(CamelContext camel, ProducerTemplate template, RecordFile records, Lockstep lockstep) {
            this.camel = camel;
            this.template = template;
            this.records = records;
            this.lockstep = lockstep;
            lockstep.join(completions);
        }

        void loop() {
            try {
                while (!stopped) {
                    Retry retry = retries.poll();
                    int seq;
                    if (retry != null) {
                        seq = retry.seq;
                    } else if (next.get() < count) {
                        seq = next.getAndIncrement();
                        if (seq >= count) {
                            continue;
                        }
                        pace(seq);
                    } else {
                        retry = retries.poll(50, TimeUnit.MILLISECONDS);
                        if (retry == null) {
                            continue;
                        }
                        seq = retry.seq;
                    }
                    permits.acquire();
                    send(seq);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void pace(int seq) {
            if (rate > 0) {
                long due = start + seq * 1_000_000_000L / rate;
                for (long wait = due - System.nanoTime(); wait > 0 && !stopped; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            lockstep.await(completions, seq, () -> stopped);
        }

        private void send(int seq) {
            String id = id(name, seq);
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(id);
            exchange.getMessage().setHeader("rcKey", "k" + (seq % keys));
            exchange.getMessage().setHeader("rcSeq", seq);
            template.asyncSend("direct:" + name, exchange).whenComplete((result, error) -> {
                permits.release();
                Exchange done = result != null ? result : exchange;
                Throwable failure = error != null ? error : done.getException();
                if (failure != null) {
                    records.append("F", id, RecordFile.nowMicros(), Causes.of(failure));
                    if (retry && !stopped) {
                        retries.add(new Retry(seq, System.nanoTime() + RETRY_DELAY_NANOS));
                        return;
                    }
                } else {
                    records.append("A", id, RecordFile.nowMicros(), done.getMessage().getHeader("CamelRocketMQBrokerName"),
                            done.getMessage().getHeader("CamelRocketMQQueueId"),
                            done.getMessage().getHeader("CamelRocketMQSendStatus"));
                }
                finished.countDown();
            });
        }
    }

    private record Retry(int seq, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Retry) other).dueNanos);
        }
    }
}

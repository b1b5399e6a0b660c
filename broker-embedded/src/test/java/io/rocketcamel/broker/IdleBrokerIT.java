package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A broker nobody uses must not keep a core busy: RocketMQ 5.5's TransactionMetricsFlushService spins for its whole
 * 10 s flush interval after every start (apache/rocketmq#10515).
 */
class IdleBrokerIT {

    private static final Duration WINDOW = Duration.ofSeconds(2);

    @Test
    void noThreadSpinsRightAfterStart() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().start()) {
            Map<Long, Long> before = cpuNanos(threads);
            long begin = System.nanoTime();
            // the window itself is the measurement: CPU each thread used while the broker sat idle
            TimeUnit.NANOSECONDS.sleep(WINDOW.toNanos());
            long elapsed = System.nanoTime() - begin;
            Map<String, Double> busyShare = new HashMap<>();
            cpuNanos(threads).forEach((id, cpu) -> {
                ThreadInfo info = threads.getThreadInfo(id);
                if (info != null) {
                    busyShare.merge(info.getThreadName(), (cpu - before.getOrDefault(id, 0L)) / (double) elapsed, Double::sum);
                }
            });
            assertThat(busyShare.entrySet().stream().filter(e -> e.getValue() > 0.25)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .as("threads that used more than a quarter of a core while the broker was idle").isEmpty();
        }
    }

    private static Map<Long, Long> cpuNanos(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}

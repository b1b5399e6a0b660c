package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.testsupport.TestClients;
import io.rocketcamel.testsupport.TestNames;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.topic.TopicValidator;
import org.apache.rocketmq.store.timer.TimerMessageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker nobody uses must not keep a core busy: RocketMQ 5.5's TransactionMetricsFlushService spins for its whole
 * 10 s flush interval after every start (apache/rocketmq#10515), and its TransactionalOpBatchService spins for good
 * once a transaction has been ended and the op batch interval has passed.
 */
class IdleBrokerIT {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    /** The timer's read time moves a slot (1 s) at a time: up to a slot behind the clock when caught up. */
    private static final Duration TIMER_CAUGHT_UP = Duration.ofSeconds(3);

    @Test
    void noThreadSpinsRightAfterStart() throws Exception {
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().start()) {
            assertThat(busyThreadsWhileIdle(broker))
                    .as("threads that used more than a quarter of a core while the broker was idle").isEmpty();
        }
    }

    @Test
    void noThreadSpinsAfterATransactionWasEnded() throws Exception {
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder()
                .brokerProperty("transactionOpBatchInterval", "300").topic("tx-idle", 1).start();
             TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            TransactionMQProducer producer = new TransactionMQProducer(TestNames.unique("tx-pg"));
            clients.configure(producer);
            producer.setTransactionListener(new TransactionListener() {
                @Override
                public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
                    return LocalTransactionState.COMMIT_MESSAGE;
                }

                @Override
                public LocalTransactionState checkLocalTransaction(MessageExt message) {
                    return LocalTransactionState.COMMIT_MESSAGE;
                }
            });
            producer.start();
            try {
                assertThat(producer.sendMessageInTransaction(new Message("tx-idle", "order".getBytes()), null)
                        .getLocalTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
                // the op batch interval passes, after which RocketMQ 5.5's op batch service would spin
                await().atMost(Duration.ofSeconds(10)).until(() -> opsWritten(broker));
                assertThat(busyThreadsWhileIdle(broker)).as("threads that used more than a quarter of a core after the"
                                                      + " transaction").isEmpty();
            } finally {
                producer.shutdown();
            }
        }
    }

    /**
     * The timer wheel's flush compares all 38.7 MB of it byte by byte: about 0.45 s of CPU a call in a JVM that runs C1
     * only, as test JVMs do, every 10 s for each broker they hold. It only shortens what a restart re-reads, and a
     * temporary store is never reopened.
     */
    @Test
    void aTemporaryStoreFlushesItsTimerWheelEveryTenMinutesAKeptOneEveryTenSeconds(@TempDir Path kept)
            throws Exception {
        try (EmbeddedRocketMQBroker temporary = EmbeddedRocketMQBroker.builder().start()) {
            assertThat(timerFlushMillis(temporary)).as("a temporary store's").isEqualTo(600_000);
        }
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().storeDir(kept).start()) {
            assertThat(timerFlushMillis(broker)).as("a kept store's").isEqualTo(10_000);
        }
        // the teardown goes on in the background: JUnit deletes the store's directory next (it failed on a file the
        // teardown wrote meanwhile)
        EmbeddedRocketMQBroker.awaitBackgroundShutdown(Duration.ofSeconds(60));
    }

    private static int timerFlushMillis(EmbeddedRocketMQBroker broker) {
        return broker.getBrokerController(broker.getBrokerNames().get(0)).getMessageStoreConfig()
                .getTimerFlushIntervalMs();
    }

    /** The broker wrote the transaction's commit marker (its op message) to the op topic. */
    private static boolean opsWritten(EmbeddedRocketMQBroker broker) throws Exception {
        BrokerController controller = broker.getBrokerController(broker.getBrokerNames().get(0));
        return controller.getTopicConfigManager().selectTopicConfig(TopicValidator.RMQ_SYS_TRANS_OP_HALF_TOPIC) != null
               && controller.getMessageStore().getMaxOffsetInQueue(TopicValidator.RMQ_SYS_TRANS_OP_HALF_TOPIC, 0) > 0;
    }

    /** Thread name to its share of a core over a window in which nothing is asked of the broker. */
    private static Map<String, Double> busyThreadsWhileIdle(EmbeddedRocketMQBroker broker) throws InterruptedException {
        // A new store's timer wheel starts reading 7 days back and walks its slots up to now: about 0.1 s of CPU, over
        // by the end of the start on a quiet machine, but seen in the window on a busy one (0.45 of a core; after a
        // transaction, 0.29 in a loaded build)
        TimerMessageStore timer = broker.getBrokerController(broker.getBrokerNames().get(0)).getTimerMessageStore();
        await("the timer wheel caught up with the clock").atMost(Duration.ofSeconds(30))
                .until(() -> timer.getDequeueBehindMillis() < TIMER_CAUGHT_UP.toMillis());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        {
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
            return busyShare.entrySet().stream().filter(e -> e.getValue() > 0.25)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
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

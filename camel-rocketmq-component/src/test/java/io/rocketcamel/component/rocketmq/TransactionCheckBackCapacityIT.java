package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many transactions left undecided at once (an application that fell behind: the broker dropped their ends, or the
 * local transactions answered UNKNOWN) are all decided by check-backs, also those the broker gave up on after
 * transactionCheckMax checks. A client answers check-backs on transactionCheckThreads threads (one by default); the
 * client's own queue of 2,000 dropped the check-backs beyond it, each still one of the transaction's checks, and the
 * broker discarded a transaction dropped at each of its checks (committed locally, never delivered). Each waits now,
 * once, and an answer after the broker's last check still stores the message.
 */
@EmbeddedRocketMQ(transactionCheckIntervalMs = 1000, transactionTimeoutMs = 1000,
                  brokerProperties = "transactionCheckMax=3", shared = false)
class TransactionCheckBackCapacityIT {

    /** Where the broker puts a half message it gave up on (transactionCheckMax). */
    private static final String DISCARDED = "TRANS_CHECK_MAX_TIME_TOPIC";

    @Test
    void everyUndecidedTransactionIsCommittedByItsCheckBack(EmbeddedRocketMQBroker broker) throws Exception {
        // three times what the client's check-back queue held (2,000): more would take longer and show nothing more
        decide(broker, 6_000, "", 0);
    }

    /**
     * A checker that looks each transaction up (here 5 ms, as a database query) answers 200 check-backs a second on
     * the client's one check thread, slower than the broker asks. More check threads keep up: the broker gives up on
     * none.
     */
    @Test
    void aSlowCheckerKeepsUpOnMoreCheckThreads(EmbeddedRocketMQBroker broker) throws Exception {
        assertThat(decide(broker, 3_000, "&transactionCheckThreads=16", 5).discarded()).isZero();
    }

    /**
     * The same checker and transactions on one thread, half again what the client's own queue held: the broker gives
     * up on most long before the checker is through (15 s), and each is still delivered, by the answer that comes
     * after the broker's last check. Before each check-back waited once here, 585 of 3,000 were lost.
     */
    @Test
    void aCheckerFarBehindTheBrokerStillDecidesEveryTransaction(EmbeddedRocketMQBroker broker) throws Exception {
        Decided decided = decide(broker, 3_000, "", 5);
        assertThat(decided.discarded()).as("half messages the broker gave up on").isPositive();
        // the backlog as consoles show it
        assertThat(decided.mostWaiting()).as("check-backs seen waiting for the check thread").isGreaterThan(100);
        assertThat(decided.dropped()).isZero();
    }

    /**
     * @param discarded   half messages the broker gave up on (transactionCheckMax) meanwhile
     * @param mostWaiting the most check-backs seen waiting for a check thread (the consoles' WAITING)
     * @param dropped     the check-backs dropped (the consoles' DROPPED)
     */
    private record Decided(long discarded, long mostWaiting, long dropped) {
    }

    /** Sends {@code transactions} left undecided and awaits each delivered (its check-back answered COMMIT). */
    private static Decided decide(EmbeddedRocketMQBroker broker, int transactions, String options, long checkMillis)
            throws Exception {
        long discardedBefore = broker.messageCount(DISCARDED);
        String topic = "tx-undecided-" + System.nanoTime();
        broker.createTopic(topic, 4);
        Set<String> received = ConcurrentHashMap.newKeySet();
        CamelContext context = RocketMQITSupport.newContext(broker);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:undecided")
                        .to("rocketmq:" + topic + "?transactional=true&transactionChecker=direct:check" + options)
                        .setHeader(RocketMQConstants.TRANSACTION_STATE, constant("UNKNOWN"));
                // the checker's own work (a lookup), not a wait for the test
                from("direct:check").delay(checkMillis).syncDelayed().setBody(constant("COMMIT"));
                from("rocketmq:" + topic + "?consumerGroup=g-" + topic).process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });
        context.start();
        try {
            ProducerTemplate template = context.createProducerTemplate();
            ExecutorService senders = Executors.newFixedThreadPool(8);
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                sent.add(senders.submit(() -> {
                    for (int i = first; i < transactions; i += 8) {
                        template.sendBody("direct:undecided", "tx-" + i);
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
            senders.shutdown();

            AtomicLong mostWaiting = new AtomicLong();
            await().atMost(RocketMQITSupport.seconds(90)).untilAsserted(() -> {
                mostWaiting.accumulateAndGet(checkBackCount(context, "WAITING"), Math::max);
                assertThat(received).as("delivered; the broker discarded %d half messages after their last check",
                        broker.messageCount(DISCARDED) - discardedBefore).hasSize(transactions);
            });
            return new Decided(broker.messageCount(DISCARDED) - discardedBefore, mostWaiting.get(),
                    checkBackCount(context, "DROPPED"));
        } finally {
            context.stop();
        }
    }

    private static long checkBackCount(CamelContext context, String count) {
        return context.getComponent("rocketmq", RocketMQComponent.class).groupProducers().checkBackCounts().values()
                .stream().mapToLong(counts -> counts.get(count)).sum();
    }
}

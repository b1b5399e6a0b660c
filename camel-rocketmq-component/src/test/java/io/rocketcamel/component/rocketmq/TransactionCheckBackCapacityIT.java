package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * local transactions answered UNKNOWN) are all decided by check-backs before the broker gives up on them after
 * transactionCheckMax checks. A client answers check-backs on transactionCheckThreads threads (one by default) from a
 * queue of at most 2,000, and a check that finds the queue full is dropped while it still counts as one of the
 * transaction's checks: this holds while the checker answers faster than the broker asks (it stores each checked half
 * message again).
 */
@EmbeddedRocketMQ(transactionCheckIntervalMs = 1000, transactionTimeoutMs = 1000,
                  brokerProperties = "transactionCheckMax=3", shared = false)
class TransactionCheckBackCapacityIT {

    /** Where the broker puts a half message it gave up on (transactionCheckMax). */
    private static final String DISCARDED = "TRANS_CHECK_MAX_TIME_TOPIC";

    @Test
    void everyUndecidedTransactionIsCommittedByItsCheckBack(EmbeddedRocketMQBroker broker) throws Exception {
        // three times what the client's check-back queue holds (2,000): more would take longer and show nothing more
        assertEveryUndecidedTransactionCommitted(broker, 6_000, "", 0);
    }

    /**
     * A checker that looks each transaction up (here 5 ms, as a database query) answers 200 check-backs a second on
     * the client's one check thread, slower than the broker asks: transactions whose checks wait in the queue or are
     * dropped from it reach transactionCheckMax and are discarded by the broker, committed locally but never
     * delivered. More check threads keep up.
     */
    @Test
    void aSlowCheckerKeepsUpOnMoreCheckThreads(EmbeddedRocketMQBroker broker) throws Exception {
        assertEveryUndecidedTransactionCommitted(broker, 3_000, "&transactionCheckThreads=16", 5);
    }

    private static void assertEveryUndecidedTransactionCommitted(EmbeddedRocketMQBroker broker, int transactions,
                                                                 String options, long checkMillis) throws Exception {
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

            await().atMost(RocketMQITSupport.seconds(90)).untilAsserted(() -> assertThat(received)
                    .as("delivered; the broker discarded %d half messages after their last check",
                            broker.messageCount(DISCARDED))
                    .hasSize(transactions));
            assertThat(broker.messageCount(DISCARDED)).isZero();
        } finally {
            context.stop();
        }
    }
}

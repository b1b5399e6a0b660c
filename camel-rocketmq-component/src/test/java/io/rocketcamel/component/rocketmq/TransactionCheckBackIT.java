package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.rocketcamel.testsupport.TestClients;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Check-backs for half messages whose producer is gone: the broker asks whichever client of the producer group it
 * knows, here a client of another CamelContext than the one that sent.
 */
class TransactionCheckBackIT extends RocketMQITSupport {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> checked = new CopyOnWriteArrayList<>();

    /** A context of the restarted application: the group's checker answers {@code answer}, a consumer collects. */
    private CamelContext restarted(String topic, String group, String answer) throws Exception {
        return restarted(topic, group, answer, false, Duration.ZERO);
    }

    /**
     * As above; with {@code dynamic} the transactional endpoint is a toD that has not sent since the restart; the
     * checker takes {@code checking} to answer.
     */
    private CamelContext restarted(String topic, String group, String answer, boolean dynamic, Duration checking)
            throws Exception {
        CamelContext restarted = newContext();
        restarted.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String options = "?transactional=true&producerGroup=" + group + "&transactionChecker=direct:check";
                if (dynamic) {
                    from("direct:unused").toD("rocketmq:${header.target}" + options);
                } else {
                    from("direct:unused").to("rocketmq:" + topic + options);
                }
                from("direct:check").process(e -> checked.add(text(e.getMessage().getBody())))
                        .delay(checking.toMillis()).syncDelayed()
                        .setBody(constant(answer));
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g"))
                        .process(e -> received.add(text(e.getMessage().getBody())));
            }
        });
        restarted.start();
        return restarted;
    }

    /** Delivered, and once the broker asked the group's client no more, still once: its checker was asked once. */
    private void assertDeliveredOnce(CamelContext checking, String group, String body) {
        await().atMost(seconds(90)).until(() -> received.contains(body));
        awaitCheckBacksOver(checking, group);
        assertThat(received).containsExactly(body);
        assertThat(checked).containsExactly(body);
    }

    /** The application sends {@code body} in a transaction whose outcome is UNKNOWN, and stops. */
    private void leftUndecidedByItsPredecessor(String topic, String group, String body) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("rocketmq:" + topic + "?transactional=true&producerGroup=" + group
                                        + "&localTransaction=direct:undecided");
                from("direct:undecided").setHeader(RocketMQConstants.TRANSACTION_STATE, constant("UNKNOWN"));
            }
        });
        template.sendBody("direct:order", body);
        context.stop();
    }

    /**
     * A new context of the group answers the check-back its predecessor left undecided, and the message is stored
     * once. With a checker slower than the broker's checks (2.5 s against every second), the broker asked again while
     * it decided, and again once its COMMIT was stored, each time about a new copy of the half message; the checker was
     * asked again and its second COMMIT stored the message a second time (seen in clean-clone runs on a busy machine,
     * where a restarted context's first answer took longer than the ITs' check interval).
     */
    @ParameterizedTest
    @ValueSource(longs = { 0, 2500 })
    void aRestartedApplicationAnswersTheCheckBackForItsPredecessorsUnknownTransaction(long checkerMillis)
            throws Exception {
        String topic = topic("tx-restart", 1);
        String group = unique("txg");
        leftUndecidedByItsPredecessor(topic, group, "order-1");

        CamelContext restarted = restarted(topic, group, "COMMIT", false, Duration.ofMillis(checkerMillis));
        try {
            assertDeliveredOnce(restarted, group, "order-1");
            if (checkerMillis > 0) {
                // once the slow checker's COMMIT was stored, the look-up answered the broker, not the checker again
                assertThat(restarted.getComponent("rocketmq", RocketMQComponent.class).groupProducers().checkBacks()
                        .get(group).answeredStoredAlready()).as("check-backs after the checker's COMMIT was stored")
                        .isPositive();
            }
        } finally {
            closeInBackground(restarted);
        }
    }

    /**
     * Camel creates a toD's endpoint at its first exchange. A restarted application whose toD had not sent yet had no
     * client of the group: the broker found nobody to ask and dropped the half message after its last check.
     */
    @Test
    void aRestartedApplicationsToDAnswersBeforeItSends() throws Exception {
        String topic = topic("tx-restart-tod", 1);
        String group = unique("txg");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").toD("rocketmq:${header.target}?transactional=true&producerGroup=" + group
                                         + "&localTransaction=direct:undecided&transactionChecker=direct:check");
                from("direct:undecided").setHeader(RocketMQConstants.TRANSACTION_STATE, constant("UNKNOWN"));
                from("direct:check").setBody(constant("UNKNOWN"));
            }
        });
        template.sendBodyAndHeader("direct:order", "order-1", "target", topic);
        context.stop();

        CamelContext restarted = restarted(topic, group, "COMMIT", true, Duration.ZERO);
        try {
            assertDeliveredOnce(restarted, group, "order-1");
        } finally {
            closeInBackground(restarted);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "COMMIT", "ROLLBACK" })
    void aLocalTransactionOutlivedByItsProducerIsDecidedByTheChecker(String answer) throws Exception {
        String topic = topic("tx-dies", 1);
        String group = unique("txg");
        // the in-flight local transaction must not hold the stop up for the default 45 s
        context.getShutdownStrategy().setTimeout(1);
        List<CompletableFuture<Void>> stopping = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").to("rocketmq:" + topic + "?transactional=true&producerGroup=" + group
                                        + "&localTransaction=direct:dies");
                // the application dies mid-transaction: its producer is gone before the outcome could be sent
                from("direct:dies").process(e -> {
                    stopping.add(CompletableFuture.runAsync(context::stop));
                    // the group going offline is not enough: the client unregisters before it closes its connections,
                    // and an outcome sent in between still reaches the broker
                    await().atMost(seconds(30)).until(() -> stopping.get(0).isDone());
                    // a heartbeat sent just before the unregister may reach the broker after it (another executor
                    // there): then the group is offline only once the broker has handled the closed connection
                    await().atMost(seconds(10)).until(() -> !brokerController().getProducerManager().groupOnline(group));
                });
            }
        });
        // the stopping context rejects the rest of the exchange; whatever it decides can no longer reach the broker
        template.send("direct:order", e -> e.getMessage().setBody("order-1"));
        stopping.get(0).get(60, TimeUnit.SECONDS);

        CamelContext restarted = restarted(topic, group, answer);
        try {
            if (answer.equals("COMMIT")) {
                assertDeliveredOnce(restarted, group, "order-1");
            } else {
                await().atMost(seconds(90)).until(() -> !checked.isEmpty());
                await().during(Duration.ofSeconds(3)).atMost(seconds(5)).until(received::isEmpty);
                assertThat(checked).containsExactly("order-1");
            }
        } finally {
            closeInBackground(restarted);
        }
    }

    /**
     * Two instances of an application share the producer group, and the broker checks back with either of them. The
     * one that did not send knows nothing of the local transaction still running in the other, whose row is not
     * there yet: the checker the docs showed answered ROLLBACK for a missing row, the broker forgot the half message,
     * and when the sender then died after its row was committed but before its outcome reached the broker, no
     * check-back was left to deliver the message.
     */
    @Test
    void aCheckBackReachingAnotherInstanceMidTransactionDoesNotLoseItsCommit() throws Exception {
        String topic = topic("tx-two-instances", 1);
        String group = unique("txg");
        Set<String> rows = ConcurrentHashMap.newKeySet();
        String endpoint = "rocketmq:" + topic + "?transactional=true&producerGroup=" + group
                          + "&transactionChecker=direct:check";
        CamelContext other = newContext();
        other.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:unused").to(endpoint);
                from("direct:check").process(e -> checked.add(text(e.getMessage().getBody())))
                        .process(e -> e.getMessage().setBody(checkedAsDocumented(rows, e.getMessage())));
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g"))
                        .process(e -> received.add(text(e.getMessage().getBody())));
            }
        });
        other.start();
        context.getShutdownStrategy().setTimeout(1);
        List<CompletableFuture<Void>> stopping = new CopyOnWriteArrayList<>();
        try {
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:order").to(endpoint + "&localTransaction=direct:create");
                    // this instance answers UNKNOWN while it decides, without asking its checker
                    from("direct:check").setBody(constant("UNKNOWN"));
                    from("direct:create").process(e -> {
                        // a long local transaction: the broker checks back meanwhile, also with the other instance
                        await().atMost(seconds(60)).until(() -> !checked.isEmpty());
                        rows.add(text(e.getMessage().getBody()));
                        // then the application dies: its outcome never reaches the broker
                        stopping.add(CompletableFuture.runAsync(context::stop));
                        await().atMost(seconds(30)).until(() -> stopping.get(0).isDone());
                        await().atMost(seconds(10)).until(() -> brokerController().getProducerManager()
                                .getGroupChannelTable().get(group).size() == 1);
                    });
                }
            });
            template.send("direct:order", e -> e.getMessage().setBody("order-1"));
            stopping.get(0).get(60, TimeUnit.SECONDS);

            await().atMost(seconds(30)).untilAsserted(() -> assertThat(received)
                    .as("delivered after its row was committed (the other instance's checker was asked %s)", checked)
                    .contains("order-1"));
        } finally {
            closeInBackground(other);
        }
    }

    /**
     * The checker of docs/rocketmq-component.md: COMMIT when the order's row exists; without one, UNKNOWN while another
     * instance may still be running the local transaction, ROLLBACK once it cannot be any more.
     */
    private static String checkedAsDocumented(Set<String> rows, org.apache.camel.Message halfMessage) {
        if (rows.contains(text(halfMessage.getBody()))) {
            return "COMMIT";
        }
        long age = System.currentTimeMillis() - halfMessage.getHeader(RocketMQConstants.BORN_TIMESTAMP, long.class);
        return age < Duration.ofMinutes(5).toMillis() ? "UNKNOWN" : "ROLLBACK";
    }

    /**
     * A message the broker committed after check-backs carries its count (TRANSACTION_CHECK_TIMES), which the broker
     * reads again on any half message holding it: forwarded as a header into another transaction, the copy started at
     * the count the first one ended with and, at the broker's limit of 15, was discarded at its first check, its
     * checker never asked and nothing delivered.
     */
    @Test
    void aForwardedMessageDoesNotBringTheCheckCountOfTheTransactionThatDeliveredIt() throws Exception {
        String in = topic("tx-counted", 1);
        String out = topic("tx-forwarded", 1);
        List<Object> countsSeen = new CopyOnWriteArrayList<>();
        List<Object> countsChecked = new CopyOnWriteArrayList<>();
        String group = unique("txg");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + in + "?consumerGroup=" + unique("g"))
                        .process(e -> countsSeen.add(String.valueOf(e.getMessage().getHeader(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES))))
                        .to("rocketmq:" + out + "?transactional=true&producerGroup=" + group
                            + "&localTransaction=direct:undecided&transactionChecker=direct:check");
                from("direct:undecided").setHeader(RocketMQConstants.TRANSACTION_STATE, constant("UNKNOWN"));
                from("direct:check").process(e -> {
                    checked.add(text(e.getMessage().getBody()));
                    countsChecked.add(e.getMessage().getHeader(RocketMQConstants.TRANSACTION_CHECK_TIMES));
                }).setBody(constant("COMMIT"));
                from("rocketmq:" + out + "?consumerGroup=" + unique("g")).process(e -> received.add(text(e.getMessage().getBody())));
            }
        });
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            // as the broker leaves it on a message it committed at its 15th check-back
            Message committed = new Message(in, "order-1".getBytes(StandardCharsets.UTF_8));
            committed.putUserProperty(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES, "15");
            clients.producer().send(committed);
        }

        assertDeliveredOnce(context, group, "order-1");
        assertThat(countsSeen).as("the consumed message's check count as a header").containsExactly("null");
        assertThat(countsChecked).as("the forwarded transaction's own count, told to its checker").containsExactly(1);
    }
}

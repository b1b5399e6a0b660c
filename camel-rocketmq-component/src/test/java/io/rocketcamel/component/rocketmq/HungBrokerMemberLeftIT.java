package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import io.rocketcamel.component.rocketmq.consumer.offsets.BrokerOffsetStore;
import io.rocketcamel.component.rocketmq.internal.SilentBrokers;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a clustering group leaves while a broker of the topic hangs (SIGSTOP), hung long enough for the member
 * that stays to know it as silent (SilentBrokers); the broker that answers tells that member, whose rebalance round
 * asks one broker of each subscribed topic, drawn at random, for the group's members. When the draw is the hung
 * broker the round allocates nothing for that topic and RocketMQ's client, counting it as balanced, tries again 20 s
 * later. The draws are decided here ({@link HungBrokerDraws}): the notified round's as each test says, later ones the
 * broker that answers. The round that takes the queues over then reads where the group stands on each (ORDERLY:
 * locks each first), the hung broker's among them, one after another, before any of them is pulled: each call to the
 * hung broker waited out its timeout. broker-a runs in this JVM, broker-b in a child JVM. broker-b registers by host
 * name, as brokers in containers often do ({@code brokerIP1=localhost}): the routes name it so, while the client's
 * connection to it reports the address it resolved to.
 */
class HungBrokerMemberLeftIT {

    private static final Logger LOG = LoggerFactory.getLogger(HungBrokerMemberLeftIT.class);

    /** a0 and b0..b6: the member holding a0 has a0 b0 b1 b2 (averagely over the sorted queues), the other b3..b6. */
    private static final String SPREAD = TestNames.unique("hung-member");
    /** a0..a7 and b0..b6: the member holding a0 has a0..a7, so its queues of the topic all answer. */
    private static final String MOSTLY_A = TestNames.unique("hung-member-a");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /**
     * Well below the client's 20 s between rounds, a round's calls to the hung broker (3 s a draw, 3 s an offset
     * read), above the client's least time between rounds (1 s) and the watch's second.
     */
    private static final long TAKEN_OVER_WITHIN_MILLIS = 5_000;
    /** Below the three locks on the hung broker the round takes (1 s each), before any of the queues is pulled. */
    private static final long ORDERLY_WITHIN_MILLIS = 2_000;

    private static TwoBrokers brokers;

    @BeforeAll
    static void start() throws Exception {
        brokers = TwoBrokers.start(SPREAD, 7, "hung-member-broker-b.log", List.of("brokerIP1=localhost"), MOSTLY_A);
        assertThat(brokers.brokerBAddress()).startsWith("localhost:");
        brokers.cluster.createTopic("broker-a", SPREAD, 1);
        brokers.cluster.createTopic("broker-a", MOSTLY_A, 8);
        await().atMost(DEADLINE).until(() -> brokers.clients.producer().fetchPublishMessageQueues(SPREAD).size() == 8
                                             && brokers.clients.producer().fetchPublishMessageQueues(MOSTLY_A).size()
                                                == 15);
    }

    @AfterAll
    static void stop() {
        if (brokers != null) {
            brokers.close();
        }
    }

    @Test
    void theQueuesOfAMemberThatLeftAreTakenOverWithinSecondsWhenTheRoundDrewTheHungBroker() throws Exception {
        Takeover takeover = memberLeaves(SPREAD, "CONCURRENTLY", Draws.HUNG_IN_THE_FIRST_ROUND);

        assertThat(takeover.forcedDraws).as("draws of the hung broker after the notice").isEqualTo(2);
        assertThat(takeover.millis).as("ms from the notice to the message consumed")
                .isLessThan(TAKEN_OVER_WITHIN_MILLIS);
    }

    /**
     * The round draws for each topic the client subscribes, the group's retry topic too: when only the retry topic's
     * draw hits the hung broker, and the round took every queue of the topic it gained, the client counted it as
     * balanced, and the redeliveries on the leaving member's retry queue waited for its next round.
     */
    @Test
    void theRetryQueueOfAMemberThatLeftIsTakenOverWhenOnlyItsDrawHitTheHungBroker() throws Exception {
        Takeover takeover = memberLeaves(MOSTLY_A, "CONCURRENTLY", Draws.HUNG_FOR_THE_RETRY_TOPIC);

        assertThat(takeover.forcedDraws).as("draws of the hung broker after the notice").isEqualTo(1);
        assertThat(takeover.millis).as("ms from the notice to the message on the retry topic consumed")
                .isLessThan(TAKEN_OVER_WITHIN_MILLIS);
    }

    /** ORDERLY, the round also locks each queue it gains, one after another (1 s each on the hung broker). */
    @Test
    void anOrderlyMembersQueuesAreTakenOverWithoutWaitingForLocksOnTheHungBroker() throws Exception {
        Takeover takeover = memberLeaves(SPREAD, "ORDERLY", Draws.ANSWERING);

        assertThat(takeover.millis).as("ms from the notice to the message consumed").isLessThan(ORDERLY_WITHIN_MILLIS);
    }

    /**
     * Two members of a new group consume the topic; broker-b hangs and, once the member that will stay knows it as
     * silent, the member holding a0 leaves; once broker-a's notice reached the member that stays, a message goes to
     * a0 of the topic (of the group's retry topic with {@link Draws#HUNG_FOR_THE_RETRY_TOPIC}).
     */
    private static Takeover memberLeaves(String topic, String consumeMode, Draws hung) throws Exception {
        String group = TestNames.unique("hung-member-" + consumeMode.toLowerCase(Locale.ROOT));
        String retryTopic = MixAll.getRetryTopic(group);
        Map<String, String> receivedBy = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        CamelContext context = brokers.camelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String member : List.of("one", "two")) {
                    from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=" + consumeMode)
                            .routeId(member).process(e -> {
                                String body = e.getMessage().getBody(String.class);
                                receivedBy.put(body, member);
                                receivedAt.put(body, System.currentTimeMillis());
                            });
                }
            }
        });
        context.start();
        try {
            List<MessageQueue> all = brokers.clients.producer().fetchPublishMessageQueues(topic);
            await().atMost(DEADLINE).until(() -> queues(client(context, "one"), topic).size()
                                                 + queues(client(context, "two"), topic).size() == all.size()
                                                 && !queues(client(context, "one"), topic).isEmpty()
                                                 && !queues(client(context, "two"), topic).isEmpty());
            // the member holding a0 of the topic leaves; it holds a0 of the retry topic too
            String leaving = queues(client(context, "one"), topic).contains(new MessageQueue(topic, "broker-a", 0))
                    ? "one" : "two";
            String staying = leaving.equals("one") ? "two" : "one";
            Set<String> before = new HashSet<>();
            for (MessageQueue queue : all) {
                String body = group + "-before-" + queue.getBrokerName() + "-" + queue.getQueueId();
                brokers.send(topic, queue.getBrokerName(), queue.getQueueId(), body);
                before.add(body);
            }
            await().atMost(DEADLINE).until(() -> receivedBy.keySet().containsAll(before));

            DefaultMQPushConsumer stays = client(context, staying);
            MQClientInstance instance = stays.getDefaultMQPushConsumerImpl().getmQClientFactory();
            HungBrokerDraws draws = HungBrokerDraws.install(instance, "broker-b", List.of(topic, retryTopic));
            // the round draws for each subscribed topic in the order the client keeps them
            List<String> drawn = List.copyOf(stays.getDefaultMQPushConsumerImpl().getRebalanceImpl()
                    .getSubscriptionInner().keySet());
            AtomicLong notifiedAt = draws.decideAtNotice(instance, hung.picks(drawn, retryTopic));

            String after = group + "-after";
            CompletableFuture<Void> stopped = null;
            brokers.brokerB.suspend();
            try {
                // a heartbeat to it outlives the client's timeout: 3 to 5 s
                SilentBrokers silent = ((BrokerOffsetStore) stays.getOffsetStore()).silentBrokers();
                await().atMost(DEADLINE).until(() -> silent.isSilent(brokers.brokerBAddress()));
                stopped = CompletableFuture.runAsync(() -> {
                    try {
                        context.getRouteController().stopRoute(leaving);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                // broker-a hears of the leave once the member stopped consuming
                await().atMost(DEADLINE).until(() -> notifiedAt.get() > 0);
                brokers.send(hung == Draws.HUNG_FOR_THE_RETRY_TOPIC ? retryTopic : topic, "broker-a", 0, after);
                await().atMost(DEADLINE).until(() -> receivedBy.containsKey(after));
            } finally {
                brokers.brokerB.resume();
            }
            // the leaving member's stop waits out its calls to broker-b until it answers again
            stopped.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(receivedBy.get(after)).isEqualTo(staying);
            Takeover takeover = new Takeover(receivedAt.get(after) - notifiedAt.get(), draws.forced());
            LOG.info("{} {} {}: consumed {} ms after the notice", topic, consumeMode, hung, takeover.millis);
            return takeover;
        } finally {
            context.stop();
        }
    }

    private record Takeover(long millis, int forcedDraws) {
    }

    /** How the round a broker's notice starts draws for each topic the client subscribes; later draws answer. */
    private enum Draws {
        ANSWERING, HUNG_IN_THE_FIRST_ROUND, HUNG_FOR_THE_RETRY_TOPIC;

        boolean[] picks(List<String> drawn, String retryTopic) {
            boolean[] picks = new boolean[drawn.size()];
            for (int i = 0; i < picks.length; i++) {
                picks[i] = this == HUNG_IN_THE_FIRST_ROUND
                           || this == HUNG_FOR_THE_RETRY_TOPIC && drawn.get(i).equals(retryTopic);
            }
            return picks;
        }
    }

    private static DefaultMQPushConsumer client(CamelContext context, String routeId) {
        return ((RocketMQConsumer) context.getRoute(routeId).getConsumer()).client();
    }

    private static Set<MessageQueue> queues(DefaultMQPushConsumer client, String topic) {
        return HeldQueues.of(client.getDefaultMQPushConsumerImpl(), topic);
    }
}

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
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member of a clustering group leaves while a broker of the topic hangs (SIGSTOP): the broker that answers tells the
 * member that stays, whose rebalance asks one broker of the topic, drawn at random, for the group's members. When the
 * draw is the hung broker the round fails after the client's timeout (3 s) and RocketMQ's client, counting the topic
 * as balanced, tries again 20 s later: the queues of the member that left, on the broker that answers, waited that
 * long. The draws are decided here ({@link HungBrokerDraws}): the notified round hits the hung broker, later ones not.
 * The round that takes the queues over then reads where the group stands on each (ORDERLY: locks each first), the
 * hung broker's among them, one after another, each waiting out its timeout, before any of them is pulled. broker-a
 * runs in this JVM, broker-b in a child JVM.
 */
class HungBrokerMemberLeftIT {

    private static final String TOPIC = TestNames.unique("hung-member");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /**
     * Well below the client's 20 s between rounds and the hung broker's three offset reads, above a failed round whose
     * two draws wait out the timeout (3 s each: the hung broker may not count as silent yet, see SilentBrokers) and
     * the client's least time between rounds (1 s).
     */
    private static final long TAKEN_OVER_WITHIN_MILLIS = 11_000;
    /** Below the three locks on the hung broker the round takes (1 s each), before any of the queues is pulled. */
    private static final long ORDERLY_WITHIN_MILLIS = 2_000;

    private static TwoBrokers brokers;

    @BeforeAll
    static void start() throws Exception {
        brokers = TwoBrokers.start(TOPIC, 7, "hung-member-broker-b.log");
        // a0 and b0..b6: one member gets a0 b0 b1 b2, the other b3..b6 (averagely over the sorted queues)
        brokers.cluster.createTopic("broker-a", TOPIC, 1);
        await().atMost(DEADLINE).until(() -> brokers.clients.producer().fetchPublishMessageQueues(TOPIC).size() == 8);
    }

    @AfterAll
    static void stop() {
        if (brokers != null) {
            brokers.close();
        }
    }

    @Test
    void theQueuesOfAMemberThatLeftAreTakenOverWithinSecondsWhenTheRoundDrewTheHungBroker() throws Exception {
        // the round the notice starts draws once for the topic and once for the group's retry topic
        Takeover takeover = memberLeaves("CONCURRENTLY", 2);

        assertThat(takeover.forcedDraws).as("draws of the hung broker after the notice").isEqualTo(2);
        assertThat(takeover.millis).as("ms from the notice to the message consumed")
                .isLessThan(TAKEN_OVER_WITHIN_MILLIS);
    }

    /**
     * ORDERLY, the round also locks each queue it gains on its broker, one after another, each lock on the hung broker
     * waiting out its timeout (1 s). No draw of the hung broker here.
     */
    @Test
    void anOrderlyMembersQueuesAreTakenOverWithoutWaitingForLocksOnTheHungBroker() throws Exception {
        Takeover takeover = memberLeaves("ORDERLY", 0);

        assertThat(takeover.millis).as("ms from the notice to the message consumed").isLessThan(ORDERLY_WITHIN_MILLIS);
    }

    /**
     * Two members of a new group consume the topic; broker-b hangs and the member holding broker-a's queue leaves;
     * once broker-a's notice reached the member that stays, a message goes to broker-a's queue.
     *
     * @param hungDraws how many draws after the notice pick the hung broker
     */
    private static Takeover memberLeaves(String consumeMode, int hungDraws) throws Exception {
        String group = TestNames.unique("hung-member-" + consumeMode.toLowerCase(Locale.ROOT));
        Map<String, String> receivedBy = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        CamelContext context = brokers.camelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String member : List.of("one", "two")) {
                    from("rocketmq:" + TOPIC + "?consumerGroup=" + group + "&consumeMode=" + consumeMode)
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
            await().atMost(DEADLINE).until(() -> queues(client(context, "one")).size() == 4
                                                 && queues(client(context, "two")).size() == 4);
            // the member holding broker-a's queue leaves
            String leaving = queues(client(context, "one")).stream()
                    .anyMatch(queue -> queue.getBrokerName().equals("broker-a")) ? "one" : "two";
            String staying = leaving.equals("one") ? "two" : "one";
            Set<String> before = new HashSet<>();
            for (MessageQueue queue : brokers.clients.producer().fetchPublishMessageQueues(TOPIC)) {
                String body = group + "-before-" + queue.getBrokerName() + "-" + queue.getQueueId();
                brokers.send(queue.getBrokerName(), queue.getQueueId(), body);
                before.add(body);
            }
            await().atMost(DEADLINE).until(() -> receivedBy.keySet().containsAll(before));

            MQClientInstance instance = client(context, staying).getDefaultMQPushConsumerImpl().getmQClientFactory();
            HungBrokerDraws draws = HungBrokerDraws.install(instance, "broker-b",
                    List.of(TOPIC, MixAll.getRetryTopic(group)));
            AtomicLong notifiedAt = new AtomicLong();
            instance.getMQClientAPIImpl().getRemotingClient().registerRPCHook(new RPCHook() {
                @Override
                public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                    if (request.getCode() == RequestCode.NOTIFY_CONSUMER_IDS_CHANGED
                        && notifiedAt.compareAndSet(0, System.currentTimeMillis())) {
                        draws.hang(hungDraws);
                    }
                }

                @Override
                public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                }
            });

            String after = group + "-after";
            brokers.brokerB.suspend();
            try {
                CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                    try {
                        context.getRouteController().stopRoute(leaving);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                // broker-a hears of the leave once the member stopped consuming
                await().atMost(DEADLINE).until(() -> notifiedAt.get() > 0);
                brokers.send("broker-a", 0, after);
                await().atMost(DEADLINE).until(() -> receivedBy.containsKey(after));
                stopped.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } finally {
                brokers.brokerB.resume();
            }
            assertThat(receivedBy.get(after)).isEqualTo(staying);
            return new Takeover(receivedAt.get(after) - notifiedAt.get(), draws.forced());
        } finally {
            context.stop();
        }
    }

    private record Takeover(long millis, int forcedDraws) {
    }

    private static DefaultMQPushConsumer client(CamelContext context, String routeId) {
        return ((RocketMQConsumer) context.getRoute(routeId).getConsumer()).client();
    }

    private static Set<MessageQueue> queues(DefaultMQPushConsumer client) {
        return client.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().entrySet().stream()
                .filter(entry -> entry.getKey().getTopic().equals(TOPIC) && !entry.getValue().isDropped())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}

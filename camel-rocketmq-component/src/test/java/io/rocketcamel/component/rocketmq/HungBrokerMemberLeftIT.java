package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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
import org.apache.camel.impl.DefaultCamelContext;
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
 * The round that takes the queues over then reads where the group stands on each, the hung broker's among them, one
 * after another, each waiting out its timeout, before any of them is pulled. broker-a runs in this JVM, broker-b in a
 * child JVM.
 */
class HungBrokerMemberLeftIT {

    private static final String TOPIC = TestNames.unique("hung-member");
    private static final String GROUP = TestNames.unique("hung-member-g");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /**
     * Well below the client's 20 s between rounds and the hung broker's three offset reads, above the failed round
     * (two draws of 3 s) and the client's least time between rounds (1 s).
     */
    private static final long TAKEN_OVER_WITHIN_MILLIS = 11_000;

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
        Map<String, String> receivedBy = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        CamelContext context = new DefaultCamelContext();
        RocketMQComponent component = new RocketMQComponent();
        component.getConfiguration().setNamesrvAddr(brokers.cluster.getNamesrvAddr());
        context.addComponent("rocketmq", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String member : List.of("one", "two")) {
                    from("rocketmq:" + TOPIC + "?consumerGroup=" + GROUP + "&consumeFromWhere=FIRST_OFFSET")
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
            DefaultMQPushConsumer stays = client(context, staying);
            for (MessageQueue queue : brokers.clients.producer().fetchPublishMessageQueues(TOPIC)) {
                brokers.send(queue.getBrokerName(), queue.getQueueId(), "before-" + queue.getBrokerName()
                                                                        + "-" + queue.getQueueId());
            }
            await().atMost(DEADLINE).until(() -> receivedBy.size() == 8);

            MQClientInstance instance = stays.getDefaultMQPushConsumerImpl().getmQClientFactory();
            String retryTopic = MixAll.getRetryTopic(GROUP);
            HungBrokerDraws draws = HungBrokerDraws.install(instance, "broker-b", List.of(TOPIC, retryTopic));
            AtomicLong notifiedAt = new AtomicLong();
            instance.getMQClientAPIImpl().getRemotingClient().registerRPCHook(new RPCHook() {
                @Override
                public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                    if (request.getCode() == RequestCode.NOTIFY_CONSUMER_IDS_CHANGED
                        && notifiedAt.compareAndSet(0, System.currentTimeMillis())) {
                        // the round the notice starts draws once for the topic and once for the group's retry topic
                        draws.hang(2);
                    }
                }

                @Override
                public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                }
            });

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
                brokers.send("broker-a", 0, "after");
                await().atMost(DEADLINE).until(() -> receivedBy.containsKey("after"));
                stopped.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

                assertThat(notifiedAt.get()).as("broker-a told the member that stays").isPositive();
                assertThat(draws.forced()).as("draws of the hung broker after the notice").isEqualTo(2);
                assertThat(receivedAt.get("after") - notifiedAt.get()).as("ms from the notice to the message consumed")
                        .isLessThan(TAKEN_OVER_WITHIN_MILLIS);
                assertThat(receivedBy.get("after")).isEqualTo(staying);
            } finally {
                brokers.brokerB.resume();
            }
        } finally {
            context.stop();
        }
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

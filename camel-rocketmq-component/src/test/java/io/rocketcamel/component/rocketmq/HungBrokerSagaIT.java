package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two instances of a saga participant (two Camel contexts) share the saga topic's queues, each held by an instance's
 * ORDERLY reader. broker-b hangs (SIGSTOP) and, once it has for longer than a heartbeat's timeout, the instance
 * holding a0 stops; broker-a's notice starts the staying instance's rebalance round, whose ask for the group's members
 * is made to draw the hung broker ({@link HungBrokerDraws}), as it does by chance. A saga at home on a0 is completed
 * then: its completion callback runs once the staying instance took a0 over and replayed it. Without the guards route
 * consumers have, the reader waited for the hung broker at every step: the client tried the round again 20 s later;
 * the round locked each gained queue first, one after another (1 s each on the hung broker); the pulls' one thread
 * read where the group stands on each of the reader's queues of the hung broker (3 s each) before a0's; broker-a
 * refused a0's pulls until it learned the reader's new subscription version; and a round that changed the queues sent
 * a heartbeat to every broker, one after another (3 s on the hung broker).
 */
class HungBrokerSagaIT {

    private static final Logger LOG = LoggerFactory.getLogger(HungBrokerSagaIT.class);

    /** a0 and b0..b6: the instance holding a0 has a0 b0 b1 b2 (averagely over the sorted queues), the other b3..b6. */
    private static final String TOPIC = TestNames.unique("hung-saga");
    private static final String DEAD_LETTERS = TOPIC + "-dlq";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /**
     * Well below the client's 20 s between rounds. The waits on broker-b (three locks, 1 s each; the heartbeat a round
     * that changed the queues sends to every broker, 3 s; the reads of where the group stands, 3 s each) are asserted
     * on as the calls they are: a bound of 4 s told them apart by time (2.0-2.3 s without, 5.3 s with the heartbeat)
     * and failed on busy CI machines at 4.0 and 4.1 s with none of them.
     */
    private static final long COMPLETED_WITHIN_MILLIS = 8_000;
    /**
     * The threads whose calls to a broker hold up the queue a0 changing hands: RocketMQ's client names its rebalance
     * and pull threads after their classes (ServiceThread).
     */
    private static final Set<String> TAKEOVER_THREADS = Set.of("RebalanceService", "PullMessageService");
    /** The client's API timeout: a heartbeat unanswered this long, and a bit, makes the hang known. */
    private static final long HANG_KNOWN_AFTER_MILLIS = 3_500;
    private static final int MAX_SAGAS = 200;

    private static TwoBrokers brokers;

    @BeforeAll
    static void start() throws Exception {
        brokers = TwoBrokers.start(TOPIC, 7, "hung-saga-broker-b.log");
        brokers.cluster.createTopic("broker-a", TOPIC, 1);
        brokers.cluster.createTopic("broker-a", DEAD_LETTERS, 1);
        await().atMost(DEADLINE).until(() -> brokers.clients.producer().fetchPublishMessageQueues(TOPIC).size() == 8);
    }

    @AfterAll
    static void stop() {
        if (brokers != null) {
            brokers.close();
        }
    }

    @Test
    void aSagaOfAnInstanceThatLeftIsCompletedWithinSecondsWhenTheRoundDrewTheHungBroker() throws Exception {
        String participant = TestNames.unique("hung-saga");
        String group = "rocketcamel-saga-" + participant;
        Map<String, Long> completedAt = new ConcurrentHashMap<>();
        Map<String, String> completedBy = new ConcurrentHashMap<>();
        List<String> begun = new CopyOnWriteArrayList<>();
        Map<String, CamelContext> instances = Map.of("one", instance(participant, "one", begun, completedBy,
                completedAt), "two", instance(participant, "two", begun, completedBy, completedAt));
        try {
            for (CamelContext context : instances.values()) {
                context.start();
            }
            List<MessageQueue> all = brokers.clients.producer().fetchPublishMessageQueues(TOPIC);
            await().atMost(DEADLINE).until(() -> held(participant, group, "one").size()
                                                 + held(participant, group, "two").size() == all.size()
                                                 && !held(participant, group, "one").isEmpty()
                                                 && !held(participant, group, "two").isEmpty());
            String leaving = held(participant, group, "one").contains(new MessageQueue(TOPIC, "broker-a", 0))
                    ? "one" : "two";
            String staying = leaving.equals("one") ? "two" : "one";
            String atHomeOnA0 = sagaAtHomeOnA0(instances.get(staying), begun);

            MQClientInstance stays = readerOf(participant, group, staying);
            DefaultMQPushConsumerImpl reader = (DefaultMQPushConsumerImpl) stays.selectConsumer(group);
            // the group's retry topic is created on each broker by its first heartbeat there; the client's own
            // look at the name server comes every 30 s
            String retryTopic = MixAll.getRetryTopic(group);
            await().atMost(DEADLINE).until(() -> {
                stays.updateTopicRouteInfoFromNameServer(retryTopic);
                TopicRouteData route = stays.getTopicRouteTable().get(retryTopic);
                return route != null && route.getBrokerDatas().size() == 2;
            });
            HungBrokerDraws draws = HungBrokerDraws.install(stays, "broker-b", List.of(TOPIC, retryTopic));
            boolean[] hung = new boolean[reader.getRebalanceImpl().getSubscriptionInner().size()];
            Arrays.fill(hung, true);
            AtomicLong notifiedAt = draws.decideAtNotice(stays, hung);
            AtomicLong heartbeatUnansweredSince = new AtomicLong();
            List<String> sentToHungBroker = new CopyOnWriteArrayList<>();
            // after the client's own hooks: a call they refuse is not sent, and not seen here
            stays.getMQClientAPIImpl().getRemotingClient().registerRPCHook(new RPCHook() {
                @Override
                public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                    if (!remoteAddr.equals(brokers.brokerBAddress())) {
                        return;
                    }
                    if (request.getCode() == RequestCode.HEART_BEAT) {
                        heartbeatUnansweredSince.compareAndSet(0, System.currentTimeMillis());
                    }
                    String thread = Thread.currentThread().getName();
                    // a pull is asynchronous: the thread does not wait for its answer
                    if (notifiedAt.get() > 0 && !completedAt.containsKey(atHomeOnA0)
                        && TAKEOVER_THREADS.contains(thread) && request.getCode() != RequestCode.PULL_MESSAGE) {
                        sentToHungBroker.add("request code " + request.getCode() + " from " + thread);
                    }
                }

                @Override
                public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                    if (remoteAddr.equals(brokers.brokerBAddress())) {
                        heartbeatUnansweredSince.set(0);
                    }
                }
            });

            CompletableFuture<Void> stopped = null;
            brokers.brokerB.suspend();
            try {
                await().atMost(DEADLINE).until(() -> heartbeatUnansweredSince.get() > 0
                        && System.currentTimeMillis() - heartbeatUnansweredSince.get() > HANG_KNOWN_AFTER_MILLIS);
                stopped = CompletableFuture.runAsync(() -> instances.get(leaving).stop());
                await().atMost(DEADLINE).until(() -> notifiedAt.get() > 0);
                instances.get(staying).createProducerTemplate().sendBodyAndHeader("saga:complete", null,
                        Exchange.SAGA_LONG_RUNNING_ACTION, atHomeOnA0);
                await().atMost(DEADLINE).until(() -> completedAt.containsKey(atHomeOnA0));
            } finally {
                brokers.brokerB.resume();
            }
            // the leaving instance's stop waits out its calls to broker-b until it answers again
            stopped.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            long millis = completedAt.get(atHomeOnA0) - notifiedAt.get();
            LOG.info("Saga {} at home on a0 completed by {} {} ms after the notice ({} draws of the hung broker)",
                    atHomeOnA0, completedBy.get(atHomeOnA0), millis, draws.forced());
            assertThat(completedBy.get(atHomeOnA0)).isEqualTo(staying);
            assertThat(draws.forced()).as("draws of the hung broker after the notice").isEqualTo(hung.length);
            assertThat(sentToHungBroker).as("calls to the hung broker the takeover waited for").isEmpty();
            assertThat(millis).as("ms from the notice to the completion callback").isLessThan(COMPLETED_WITHIN_MILLIS);
        } finally {
            for (CamelContext context : instances.values()) {
                context.stop();
            }
        }
    }

    /** An instance of the participant: its sagas complete manually, and each completion is recorded. */
    private static CamelContext instance(String participant, String name, List<String> begun,
                                         Map<String, String> completedBy, Map<String, Long> completedAt)
            throws Exception {
        RocketMQSagaService saga = SagaITSupport.sagaService(participant, TOPIC);
        saga.setInstanceName(participant + "-" + name);
        CamelContext context = brokers.camelContext();
        context.addService(saga);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().completionMode(SagaCompletionMode.MANUAL).completion("direct:confirm")
                        .process(e -> begun.add(e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION,
                                String.class)));
                from("direct:confirm").process(e -> {
                    String id = e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class);
                    completedAt.putIfAbsent(id, System.currentTimeMillis());
                    completedBy.putIfAbsent(id, name);
                });
            }
        });
        return context;
    }

    /** Begins sagas, each written to its home queue, until one's home is a0; the others stay open. */
    private static String sagaAtHomeOnA0(CamelContext context, List<String> begun) {
        for (int i = 0; i < MAX_SAGAS; i++) {
            context.createProducerTemplate().sendBody("direct:reserve", "item " + i);
            // stored once the write returned, in the queue once the broker dispatched it: a moment later, so each
            // look is for every saga begun so far
            Optional<String> onA0 = onA0(begun);
            if (onA0.isPresent()) {
                return onA0.get();
            }
        }
        return await().atMost(Duration.ofSeconds(10)).until(() -> onA0(begun), Optional::isPresent).orElseThrow();
    }

    private static Optional<String> onA0(List<String> begun) {
        List<String> bodies = brokers.cluster.messages(TOPIC, 0).stream()
                .map(m -> new String(m.getBody(), StandardCharsets.UTF_8)).toList();
        return begun.stream().filter(id -> bodies.stream().anyMatch(body -> body.contains(id))).findFirst();
    }

    /** The client instance of the participant's instance that holds its saga reader (the group's consumer). */
    private static MQClientInstance readerOf(String participant, String group, String name) {
        return MQClientManager.getInstance().getFactoryTable().values().stream()
                .filter(client -> client.getClientId().contains("@" + participant + "-" + name))
                .filter(client -> client.selectConsumer(group) != null).findFirst().orElse(null);
    }

    private static Set<MessageQueue> held(String participant, String group, String name) {
        MQClientInstance client = readerOf(participant, group, name);
        if (client == null) {
            return Set.of();
        }
        return HeldQueues.of((DefaultMQPushConsumerImpl) client.selectConsumer(group), TOPIC);
    }
}

package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A route consumes a topic of two brokers and one of them hangs (SIGSTOP): it accepts connections and answers
 * nothing. What the other broker holds is consumed while the hang lasts, also after the topic grew there: the
 * rebalance that gives the group the added queue stamps its subscription with a new version, and a broker that was
 * not told refuses every pull of the topic carrying it. RocketMQ's client told the brokers under a heartbeat lock that
 * the heartbeats to the hung broker kept held, waiting out its timeout, and then one broker after another, broker-b
 * first (see SubscriptionVersionHeartbeat). broker-a runs in this JVM, broker-b in a child JVM.
 */
class HungBrokerConsumeIT {

    private static final String TOPIC = TestNames.unique("hung-consume");
    private static final String GROUP = TestNames.unique("hung-consume-g");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static TwoBrokers brokers;

    @BeforeAll
    static void start() throws Exception {
        brokers = TwoBrokers.start(TOPIC, 1, "hung-consume-broker-b.log");
    }

    @AfterAll
    static void stop() {
        if (brokers != null) {
            brokers.close();
        }
    }

    @Test
    void whatTheAnsweringBrokerHoldsIsConsumedWhileTheOtherHangsAlsoAfterTheTopicGrewThere() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CamelContext context = brokers.camelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + TOPIC + "?consumerGroup=" + GROUP)
                        .process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });
        context.start();
        try {
            brokers.send("broker-a", 0, "before-a");
            brokers.send("broker-b", 0, "before-b");
            await().atMost(DEADLINE).until(() -> received.containsAll(List.of("before-a", "before-b")));

            brokers.brokerB.suspend();
            try {
                brokers.send("broker-a", 0, "during-a");
                await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("during-a"));
                // a few of the client's heartbeat rounds (every 2 s) wait out the hung broker's timeout (3 s)
                long hungSince = System.currentTimeMillis();
                await().atMost(Duration.ofSeconds(15)).until(() -> System.currentTimeMillis() - hungSince > 8_000);

                long versionBefore = brokerASubscription().getSubVersion();
                brokers.cluster.createTopic("broker-a", TOPIC, 2);
                brokers.send("broker-a", 1, "added-queue");
                brokers.send("broker-a", 0, "first-queue");
                // The client's rebalance gives the group the added queue (a route poll away, and a round may fail on
                // the hung broker: see TopicRouteWatch) and stamps its subscription with a new version, the time of
                // this host's clock; broker-a refuses every pull of the topic carrying it until it is told.
                long[] toldAfterMillis = new long[1];
                await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
                    long version = brokerASubscription().getSubVersion();
                    toldAfterMillis[0] = System.currentTimeMillis() - version;
                    return version > versionBefore;
                });
                assertThat(toldAfterMillis[0]).as("ms from the client's new subscription version to broker-a's")
                        .isLessThan(1000);
                await().atMost(DEADLINE).until(() -> received.containsAll(List.of("added-queue", "first-queue")));
            } finally {
                brokers.brokerB.resume();
            }
            assertThat(received).containsExactlyInAnyOrder("before-a", "before-b", "during-a", "added-queue",
                    "first-queue");
        } finally {
            context.stop();
        }
    }

    private static SubscriptionData brokerASubscription() {
        return brokers.cluster.getBrokerController("broker-a").getConsumerManager().findSubscriptionData(GROUP, TOPIC);
    }

}

package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A group that had consumed a topic on two brokers restarts while one of them hangs (SIGSTOP), and finds a queue
 * added to the topic on the other while it was stopped. As its consumer starts it reads what the group had consumed
 * (see GrownTopicRestartIT): that read failed on the hung broker, the group was taken for a new one, and the added
 * queue started at its end, skipping what was stored there while the group was stopped. broker-a runs in this JVM,
 * broker-b in a child JVM.
 */
class HungBrokerRestartIT {

    private static final String TOPIC = TestNames.unique("hung-restart");
    private static final String GROUP = TestNames.unique("hung-restart-g");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static TwoBrokers brokers;

    @BeforeAll
    static void start() throws Exception {
        brokers = TwoBrokers.start(TOPIC, 1, "hung-restart-broker-b.log");
    }

    @AfterAll
    static void stop() {
        if (brokers != null) {
            brokers.close();
        }
    }

    @Test
    void whatAQueueAddedWhileTheGroupWasStoppedHeldIsConsumedThoughABrokerHangsAtTheRestart() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CamelContext context = brokers.camelContext();
        context.addRoutes(route("first", received));
        context.start();
        try {
            brokers.send("broker-a", 0, "before-a");
            brokers.send("broker-b", 0, "before-b");
            await().atMost(DEADLINE).until(() -> received.containsAll(List.of("before-a", "before-b")));
            context.getRouteController().stopRoute("first");
            context.removeRoute("first");

            brokers.cluster.createTopic("broker-a", TOPIC, 2);
            for (String body : List.of("expired", "kept-1", "kept-2")) {
                brokers.send("broker-a", 1, body);
            }
            // retention removed the added queue's first message: the broker offers the group no start there
            brokers.cluster.removeFirstMessages("broker-a", TOPIC, 1, 1);
            // stored longer ago than the 10 s a start allows for the brokers' clocks: with the queues' ends unread
            // (broker-b hangs) a new group starts such a queue at the first message stored since its start, less 10 s
            long storedBy = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(15)).until(() -> System.currentTimeMillis() - storedBy > 11_000);

            // the route's start decides where the group starts on the added queue, while broker-b hangs; it then
            // answers again, as RocketMQ's client consumes little while its heartbeats wait out a hung broker
            brokers.brokerB.suspend();
            try {
                context.addRoutes(route("again", received));
            } finally {
                brokers.brokerB.resume();
            }
            brokers.send("broker-a", 1, "after-restart");
            await().atMost(DEADLINE).until(() -> received.contains("after-restart"));
            // consumed concurrently, what was stored before it may finish a little after it
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received)
                    .containsExactlyInAnyOrder("before-a", "before-b", "kept-1", "kept-2", "after-restart"));
        } finally {
            context.stop();
        }
    }

    private static RouteBuilder route(String routeId, List<String> received) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + TOPIC + "?consumerGroup=" + GROUP).routeId(routeId)
                        .process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        };
    }

}

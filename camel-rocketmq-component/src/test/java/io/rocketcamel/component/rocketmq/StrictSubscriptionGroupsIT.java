package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Against a broker of its own that creates no subscription group on first use (autoCreateSubscriptionGroup=false, as
 * production clusters often run): it answers the heartbeats of a consumer of an unknown group without registering
 * it, and refuses its pulls, so the route consumes nothing although the client and its broker are up.
 */
class StrictSubscriptionGroupsIT {

    private static EmbeddedRocketMQBroker strict;
    private final List<CamelContext> contexts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startStrictBroker() {
        strict = EmbeddedRocketMQBroker.builder().brokerProperty("autoCreateSubscriptionGroup", "false").start();
    }

    @AfterAll
    static void stopStrictBroker() {
        strict.close();
    }

    @AfterEach
    void closeContexts() {
        contexts.parallelStream().forEach(CamelContext::stop);
    }

    private CamelContext started(RouteBuilder routes) throws Exception {
        CamelContext context = RocketMQITSupport.newContext(strict);
        contexts.add(context);
        context.addRoutes(routes);
        context.start();
        return context;
    }

    private static void groupExists(String group, boolean exists) {
        var groups = strict.getBrokerController(strict.getBrokerNames().get(0)).getSubscriptionGroupManager();
        if (exists) {
            SubscriptionGroupConfig created = new SubscriptionGroupConfig();
            created.setGroupName(group);
            groups.updateSubscriptionGroupConfig(created);
        } else {
            groups.deleteSubscriptionGroupConfig(group);
        }
    }

    private static void awaitCheck(CamelContext context, HealthCheck.State state, String... saying) {
        await().atMost(RocketMQITSupport.seconds(60)).untilAsserted(() -> {
            HealthCheck.Result consumer = RocketMQITSupport.healthCheck(context, "consumer:strict");
            assertThat(consumer.getState()).as("%s", consumer.getMessage()).isEqualTo(state);
            if (saying.length > 0) {
                assertThat(consumer.getMessage()).hasValueSatisfying(m -> assertThat(m).contains(saying));
            }
        });
    }

    @Test
    void aConsumerTheBrokerGivesNothingForWantOfItsGroupIsDownNamingWhyAndUpOnceTheGroupExists() throws Exception {
        String topic = RocketMQITSupport.unique("strict-groups");
        String group = RocketMQITSupport.unique("not-created");
        strict.createTopic(topic, 1);
        List<String> received = new CopyOnWriteArrayList<>();
        CamelContext context = started(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group).routeId("strict")
                        .process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });
        ProducerTemplate producer = context.createProducerTemplate();
        producer.sendBody("rocketmq:" + topic, "before the group");

        // the broker answers the heartbeats but registers no consumer of a group it does not have: no queue is assigned
        awaitCheck(context, HealthCheck.State.DOWN, "lists no consumer of the group", group);
        assertThat(received).isEmpty();

        groupExists(group, true);
        await().atMost(RocketMQITSupport.seconds(60)).until(() -> received.equals(List.of("before the group")));
        awaitCheck(context, HealthCheck.State.UP);

        // the group removed while the consumer holds its queue: the broker refuses its pulls (the one it holds, waiting
        // for a message, as soon as one arrives)
        groupExists(group, false);
        producer.sendBody("rocketmq:" + topic, "ends the held pull");
        awaitCheck(context, HealthCheck.State.DOWN, "refused its pulls", "CODE 26", group);
        producer.sendBody("rocketmq:" + topic, "while refused");
        groupExists(group, true);
        await().atMost(RocketMQITSupport.seconds(60)).until(() -> received.size() == 3);
        // consumed concurrently, in either order
        assertThat(received).containsExactlyInAnyOrder("before the group", "ends the held pull", "while refused");
        awaitCheck(context, HealthCheck.State.UP);
    }

    @Test
    void aPopRouteOfAGroupTheBrokerDoesNotHaveFailsToStartAtOnceSayingHowToCreateIt() {
        String topic = RocketMQITSupport.unique("strict-pop");
        String group = RocketMQITSupport.unique("pop-not-created");
        strict.createTopic(topic, 1);
        long begin = System.nanoTime();

        assertThatThrownBy(() -> started(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP").routeId("strict-pop")
                        .to("log:strict-pop?level=OFF");
            }
        })).hasStackTraceContaining("broker-a has no subscription group " + group)
                .hasStackTraceContaining("autoCreateSubscriptionGroup=false")
                .hasStackTraceContaining("mqadmin updateSubGroup -n " + strict.getNamesrvAddr() + " -c <cluster> -g " + group);
        // not after waiting for the brokers to answer POP, which they never will
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(8));
    }
}

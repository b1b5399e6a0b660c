package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Against a broker of its own with RocketMQ 5 authentication on (the shared broker has none). */
class AclIT {

    private static final String ACCESS_KEY = "order-service";
    private static final String SECRET_KEY = "order-service-secret";
    private static EmbeddedRocketMQBroker secured;
    private final List<CamelContext> contexts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSecuredBroker() {
        secured = EmbeddedRocketMQBroker.builder().authentication(ACCESS_KEY, SECRET_KEY).start();
    }

    @AfterAll
    static void stopSecuredBroker() {
        secured.close();
    }

    @AfterEach
    void closeContexts() {
        contexts.parallelStream().forEach(CamelContext::stop);
    }

    private CamelContext started(String accessKey, String secretKey) {
        CamelContext context = RocketMQITSupport.newContext(secured);
        RocketMQComponent component = context.getComponent("rocketmq", RocketMQComponent.class);
        component.getConfiguration().setAccessKey(accessKey);
        component.getConfiguration().setSecretKey(secretKey);
        contexts.add(context);
        context.start();
        return context;
    }

    @Test
    void signedEndpointsSendAndConsume() throws Exception {
        String topic = RocketMQITSupport.unique("acl");
        secured.createTopic(topic, 2);
        CamelContext context = started(ACCESS_KEY, SECRET_KEY);
        List<String> received = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + RocketMQITSupport.unique("g"))
                        .process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });

        for (String body : List.of("a", "b", "c")) {
            Exchange sent = context.createProducerTemplate().send("rocketmq:" + topic, e -> e.getMessage().setBody(body));
            assertThat(sent.getException()).isNull();
        }

        await().atMost(RocketMQITSupport.seconds(20)).until(() -> received.size() >= 3);
        assertThat(received).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void anUnsignedOrWronglySignedSendFailsWithTheBrokersReason() throws Exception {
        String topic = RocketMQITSupport.unique("acl-refused");
        secured.createTopic(topic, 2);

        Exchange unsigned = started(null, null).createProducerTemplate()
                .send("rocketmq:" + topic, e -> e.getMessage().setBody("x"));
        Exchange wrongSecret = started(ACCESS_KEY, "not-the-secret").createProducerTemplate()
                .send("rocketmq:" + topic + "?retryTimesWhenSendFailed=0", e -> e.getMessage().setBody("x"));

        assertThat(unsigned.getException()).hasStackTraceContaining("CODE: 16")
                .hasStackTraceContaining("username cannot be null");
        assertThat(wrongSecret.getException()).hasStackTraceContaining("CODE: 16")
                .hasStackTraceContaining("check signature failed");
        assertThat(secured.messageCount(topic)).isZero();
    }

    @Test
    void aConsumerWhoseHeartbeatsTheBrokerRefusesIsDownNamingTheBrokersReason() throws Exception {
        String topic = RocketMQITSupport.unique("acl-consumer");
        secured.createTopic(topic, 1);
        CamelContext context = started(ACCESS_KEY, "not-the-secret");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + RocketMQITSupport.unique("g") + "&heartbeatBrokerInterval=1000")
                        .routeId("refused").to("log:refused?level=OFF");
            }
        });

        // the name servers check no signature, so routes load; the broker answers every heartbeat with an error code
        await().atMost(RocketMQITSupport.seconds(40)).untilAsserted(() -> {
            HealthCheck.Result consumer = RocketMQITSupport.healthCheck(context, "consumer:refused");
            assertThat(consumer.getState()).as("%s", consumer.getMessage()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(consumer.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("check signature failed"));
        });
    }
}

package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.starter.app.Inbox;
import io.rocketcamel.starter.app.OrdersApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The application a user writes (only the starter and a route class) against the broker the starter starts itself,
 * observed through the actuator's HTTP endpoints as operations would. Ordered: the last test stops a route.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {
                    "rocketcamel.embedded-broker.topics.orders=2",
                    "rocketcamel.embedded-broker.topics.poison=1",
                    "rocketcamel.embedded-broker.topics.backlog=1",
                    // retries wait "level n + 2": one second each instead of 10 s, 30 s, ...
                    "rocketcamel.embedded-broker.delay-levels=1s 1s 1s 1s 1s 1s",
                    "camel.component.rocketmq.delay-level-count=6",
                    // a loaded 2-core CI machine took over 3 s (the client's default) for a first send
                    "camel.component.rocketmq.send-timeout=10s",
                    "management.endpoints.web.exposure.include=health,metrics",
                    "management.endpoint.health.show-details=always",
                    // Camel's default level lists only the checks that are DOWN
                    "camel.health.exposure-level=full",
                    // the component's producer checks, which Camel reports only when asked
                    "camel.health.producers-enabled=true" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StarterIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private CamelContext camelContext;
    @Autowired
    private Inbox inbox;
    @Autowired
    private EmbeddedRocketMQBroker broker;

    @Test
    @Order(1)
    void theStarterStartedTheBrokerAndReportsEveryRocketMQRouteUp() {
        assertThat(camelContext.getComponent("rocketmq", io.rocketcamel.component.rocketmq.RocketMQComponent.class)
                .getConfiguration().getNamesrvAddr()).isEqualTo(broker.getNamesrvAddr());
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
            JsonNode camel = health.at("/components/camelHealth/details");
            assertThat(camel.path("consumer:order-reader").asText()).isEqualTo("UP");
            assertThat(camel.path("consumer:poison-reader").asText()).isEqualTo("UP");
            assertThat(camel.path("consumer:backlog-reader").asText()).isEqualTo("UP");
            assertThat(producerChecks(camel)).as("the rocketmq producers' checks").isNotEmpty()
                    .allSatisfy(state -> assertThat(state).isEqualTo("UP"));
            assertThat(health.path("status").asText()).isEqualTo("UP");
        });
    }

    @Test
    @Order(2)
    void routesSendAndConsumeAndTheMetricsCountIt() {
        List<String> orders = IntStream.rangeClosed(1, 5).mapToObj(i -> "order-" + i).toList();
        orders.forEach(order -> producer.sendBody("direct:orders", order));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(inbox.orders()).containsExactlyInAnyOrderElementsOf(orders));
        assertThat(metric("rocketmq.messages.sent", "topic:orders")).isEqualTo(5);
        assertThat(metric("rocketmq.send.latency", "topic:orders", "outcome:success")).isEqualTo(5);
        // the gauges read the brokers off the scrape: NaN until a first answer came (a scrape waits 500 ms for it)
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(metric("rocketmq.messages.consumed", "group:order-readers")).isEqualTo(5);
            assertThat(metric("rocketmq.consumer.lag", "group:order-readers", "topic:orders")).isZero();
            assertThat(metric("rocketmq.dlq.size", "group:order-readers")).isZero();
        });
        assertThat(metric("rocketmq.messages.consume.failed", "group:order-readers")).isZero();
    }

    @Test
    @Order(3)
    void aFailedSendIsCounted() {
        byte[] tooLarge = new byte[4 * 1024 * 1024 + 1];
        assertThatThrownBy(() -> producer.sendBody("direct:orders", tooLarge)).isInstanceOf(CamelExecutionException.class);
        assertThat(metric("rocketmq.messages.send.failed", "topic:orders")).isEqualTo(1);
        assertThat(metric("rocketmq.send.latency", "topic:orders", "outcome:failure")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aMessageThatKeepsFailingIsRetriedThenDeadLettered() {
        producer.sendBody("direct:poison", "poison-1");

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(metric("rocketmq.dlq.size", "group:poison-readers")).isEqualTo(1);
            assertThat(metric("rocketmq.messages.consumed", "group:poison-readers")).isEqualTo(2);
            assertThat(metric("rocketmq.messages.consume.failed", "group:poison-readers")).isEqualTo(2);
            assertThat(metric("rocketmq.messages.retried", "group:poison-readers")).isEqualTo(1);
            assertThat(metric("rocketmq.messages.consumed", "group:poison-batch-readers")).isEqualTo(2);
            assertThat(metric("rocketmq.messages.retried", "group:poison-batch-readers")).isEqualTo(1);
        });
    }

    @Test
    @Order(5)
    void aStoppedConsumerShowsLagAndIsReportedDown() throws Exception {
        producer.sendBody("direct:backlog", "backlog-1");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(inbox.backlog()).containsExactly("backlog-1"));
        camelContext.getRouteController().stopRoute("backlog-reader");
        IntStream.rangeClosed(2, 4).forEach(i -> producer.sendBody("direct:backlog", "backlog-" + i));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                metric("rocketmq.consumer.lag", "group:backlog-readers", "topic:backlog")).isEqualTo(3));
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        JsonNode camel = health.at("/components/camelHealth/details");
        assertThat(camel.path("consumer:backlog-reader").asText()).isEqualTo("DOWN");
        assertThat(camel.path("consumer:order-reader").asText()).isEqualTo("UP");
    }

    /** The states of the component's producer checks, one per producer ({@code producer:rocketmq-<topic>-<route>}). */
    private static List<String> producerChecks(JsonNode camel) {
        List<String> states = new java.util.ArrayList<>();
        camel.fields().forEachRemaining(check -> {
            // camel-spring-boot lists each check's state, and with full exposure its details as an object beside it
            if (check.getKey().startsWith("producer:rocketmq-") && check.getValue().isTextual()) {
                states.add(check.getValue().asText());
            }
        });
        return states;
    }

    /** The value (count for counters and timers) of one meter, read through /actuator/metrics. */
    private double metric(String name, String... tags) {
        StringBuilder uri = new StringBuilder("/actuator/metrics/").append(name);
        for (int i = 0; i < tags.length; i++) {
            uri.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
        }
        JsonNode body = http.getForObject(uri.toString(), JsonNode.class);
        assertThat(body).as("meter %s %s", name, List.of(tags)).isNotNull();
        for (JsonNode measurement : body.path("measurements")) {
            String statistic = measurement.path("statistic").asText();
            if (Map.of("COUNT", 1, "VALUE", 1).containsKey(statistic)) {
                return measurement.path("value").asDouble();
            }
        }
        throw new AssertionError("No count or value in " + body);
    }
}

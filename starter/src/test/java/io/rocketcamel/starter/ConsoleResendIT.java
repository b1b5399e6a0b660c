package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Re-sending one group's dead letter from the console must reach that group only. Another group consuming the
 * same topic already handled the message; it must not get it a second time.
 */
@SpringBootTest(classes = ConsoleResendIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = { "rocketcamel.console.enabled=true", "rocketcamel.embedded-broker.topics.resend-payments=1" })
class ConsoleResendIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String TOPIC = "resend-payments";

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private EmbeddedRocketMQBroker broker;
    @Autowired
    private App app;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        final AtomicBoolean payerUp = new AtomicBoolean();
        final List<String> paid = new CopyOnWriteArrayList<>();
        final List<String> ledger = new CopyOnWriteArrayList<>();

        @Bean
        RouteBuilder resendRoutes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:pay").to("rocketmq:" + TOPIC);
                    from("rocketmq:" + TOPIC + "?consumerGroup=resend-payer&maxReconsumeTimes=0").routeId("payer")
                            .process(e -> {
                                if (!payerUp.get()) {
                                    throw new IllegalStateException("payer down");
                                }
                                paid.add(e.getMessage().getBody(String.class));
                            });
                    from("rocketmq:" + TOPIC + "?consumerGroup=resend-ledger").routeId("ledger")
                            .process(e -> ledger.add(e.getMessage().getBody(String.class)));
                }
            };
        }
    }

    @Test
    void aResentDeadLetterReachesOnlyItsGroup() {
        producer.sendBody("direct:pay", "p1");
        await().atMost(DEADLINE).until(() -> app.ledger.contains("p1") && broker.messageCount("%DLQ%resend-payer") == 1);
        JsonNode page = http.getForObject("/rocketcamel/api/groups/resend-payer/dead-letters", JsonNode.class);
        String id = page.path("messages").get(0).path("message").path("offsetMessageId").asText();

        app.payerUp.set(true);
        ResponseEntity<JsonNode> resent = http.postForEntity("/rocketcamel/api/groups/resend-payer/dead-letters/resend",
                Map.of("messageIds", List.of(id)), JsonNode.class);
        assertThat(resent.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(DEADLINE).until(() -> app.paid.contains("p1"));

        // the re-sent copy was stored where only resend-payer reads it, not in the topic every group reads
        assertThat(broker.messageCount(TOPIC)).as("messages stored in " + TOPIC + " (ledger received " + app.ledger + ")")
                .isEqualTo(1);
        assertThat(app.ledger).containsExactly("p1");
    }
}

package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.starter.app.Inbox;
import io.rocketcamel.starter.app.OrdersApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The operations console's JSON, as a script reads it, on an application whose embedded broker has ACL on: the
 * console signs with the configured keys and nothing it serves contains the secret. Ordered: later tests stop a route.
 */
@SpringBootTest(classes = { OrdersApplication.class, ConsoleIT.Payments.class },
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {
                    "rocketcamel.console.enabled=true",
                    "rocketcamel.embedded-broker.access-key=" + ConsoleIT.ACCESS_KEY,
                    "rocketcamel.embedded-broker.secret-key=" + ConsoleIT.SECRET,
                    "camel.component.rocketmq.access-key=" + ConsoleIT.ACCESS_KEY,
                    "camel.component.rocketmq.secret-key=" + ConsoleIT.SECRET,
                    "rocketcamel.embedded-broker.topics.orders=2",
                    "rocketcamel.embedded-broker.topics.backlog=1",
                    "rocketcamel.embedded-broker.topics.payments=1",
                    "rocketcamel.embedded-broker.topics.settlements=1",
                    "rocketcamel.embedded-broker.transaction-check-interval=1s",
                    "rocketcamel.embedded-broker.transaction-timeout=1s",
                    // the undecided transaction stays waiting for the whole test
                    "rocketcamel.embedded-broker.transaction-check-max=1000",
                    "camel.component.rocketmq.send-timeout=10s",
                    // the component's dev console, as Camel's actuator endpoint serves it
                    "camel.main.dev-console-enabled=true",
                    "management.endpoints.web.exposure.include=camel" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final String ACCESS_KEY = "console-admin";
    static final String SECRET = "console-secret-4711";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String API = "/rocketcamel/api/";

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private ProducerTemplate producer;
    @Autowired
    private CamelContext camelContext;
    @Autowired
    private Inbox inbox;
    @Autowired
    private Payments payments;
    private static final List<String> SERVED = new CopyOnWriteArrayList<>();

    /** Payments that fail while the payment service is down, straight to the group's dead letters; a transaction. */
    @TestConfiguration
    static class Payments {

        final AtomicBoolean serviceUp = new AtomicBoolean();
        final List<String> paid = new CopyOnWriteArrayList<>();

        @Bean
        RouteBuilder paymentRoutes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:pay").routeId("payment-sender").to("rocketmq:payments");
                    from("rocketmq:payments?consumerGroup=payment-service&maxReconsumeTimes=0").routeId("payment-service")
                            .process(e -> {
                                if (!serviceUp.get()) {
                                    throw new IllegalStateException("payment service down");
                                }
                                paid.add(e.getMessage().getBody(String.class));
                            });
                    // secrets in an endpoint URI are masked wherever the console shows it
                    from("direct:audit").routeId("audit").to("rocketmq:orders?accessKey=" + ACCESS_KEY + "&secretKey=" + SECRET);
                    from("direct:settle").routeId("settlement-sender")
                            .to("rocketmq:settlements?transactional=true&producerGroup=settlement-service"
                                + "&localTransaction=direct:settle-local&transactionChecker=direct:settle-check");
                    from("direct:settle-local").setHeader(RocketMQConstants.TRANSACTION_STATE, body());
                    // answers as the local transaction did: a committed one can be checked back too, when the broker
                    // checks before it wrote the commit's marker (seen once on a busy machine: answered UNKNOWN, that
                    // check-back left a second half message waiting for good)
                    from("direct:settle-check").setBody(body());
                }
            };
        }
    }

    @Test
    @Order(1)
    void servesThePageAndItsScriptFromTheJar() {
        assertThat(get("/rocketcamel")).as("redirected to the path with its slash").contains("<title>RocketCamel console");
        assertThat(get("/rocketcamel/")).contains("<script src=\"console.js\"", "<link rel=\"stylesheet\" href=\"console.css\">")
                .doesNotContain("http://", "https://");
        assertThat(get("/rocketcamel/console.js")).contains("api('overview')");
        assertThat(http.getForEntity("/rocketcamel/console.js", String.class).getHeaders().getContentType())
                .hasToString("text/javascript;charset=UTF-8");
        assertThat(get("/rocketcamel/console.css")).contains("table");
    }

    @Test
    @Order(2)
    void overviewShowsEachRouteAndProducerWithWhatItDid() {
        IntStream.rangeClosed(1, 5).forEach(i -> producer.sendBody("direct:orders", "order-" + i));
        producer.sendBody("direct:audit", "audited");
        await().atMost(DEADLINE).until(() -> inbox.orders().size() == 6);

        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode reader = find(json("overview").path("consumers"), "routeId", "order-reader");
            assertThat(reader.path("topic").asText()).isEqualTo("orders");
            assertThat(reader.path("consumerGroup").asText()).isEqualTo("order-readers");
            assertThat(reader.path("messageModel").asText()).isEqualTo("CLUSTERING");
            assertThat(reader.path("state").asText()).isEqualTo("Started");
            assertThat(reader.path("messages").asLong()).isEqualTo(6);
            assertThat(reader.path("perSecond").asDouble()).isPositive();
            assertThat(reader.path("failures").asLong()).isZero();
        });
        JsonNode overview = json("overview");
        assertThat(find(overview.path("producers"), "uri", "rocketmq://orders").path("messages").asLong()).isEqualTo(5);
        JsonNode audit = find(overview.path("producers"), "uri",
                "rocketmq://orders?accessKey=xxxxxx&secretKey=xxxxxx");
        assertThat(audit.path("messages").asLong()).isEqualTo(1);
        JsonNode cluster = overview.path("clusters").get(0);
        assertThat(cluster.path("acl").asBoolean()).isTrue();
        assertThat(cluster.path("embedded").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void aStoppedGroupsBacklogShowsPerQueue() throws Exception {
        producer.sendBody("direct:backlog", "backlog-1");
        await().atMost(DEADLINE).until(() -> inbox.backlog().size() == 1);
        camelContext.getRouteController().stopRoute("backlog-reader");
        IntStream.rangeClosed(2, 4).forEach(i -> producer.sendBody("direct:backlog", "backlog-" + i));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                find(json("groups").path("groups"), "consumerGroup", "backlog-readers").path("lag").asLong()).isEqualTo(3));
        JsonNode group = find(json("groups").path("groups"), "consumerGroup", "backlog-readers");
        assertThat(group.path("retryTopic").asText()).isEqualTo("%RETRY%backlog-readers");
        assertThat(group.path("deadLetterTopic").asText()).isEqualTo("%DLQ%backlog-readers");
        assertThat(group.path("routes").get(0).asText()).isEqualTo("backlog-reader");
        JsonNode queue = find(group.path("queues"), "topic", "backlog");
        assertThat(queue.path("brokerOffset").asLong() - queue.path("consumerOffset").asLong()).isEqualTo(3);
        assertThat(find(json("overview").path("consumers"), "routeId", "backlog-reader").path("state").asText())
                .isEqualTo("Stopped");
    }

    @Test
    @Order(4)
    void aDeadLetterIsShownAndResentToItsTopicWhereItIsConsumed() {
        producer.sendBody("direct:pay", "payment-1");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                find(json("groups").path("groups"), "consumerGroup", "payment-service").path("deadLetters").asLong())
                .isEqualTo(1));
        JsonNode page = json("groups/payment-service/dead-letters");
        assertThat(page.path("size").asLong()).isEqualTo(1);
        JsonNode letter = page.path("messages").get(0).path("message");
        assertThat(letter.path("originalTopic").asText()).isEqualTo("payments");
        assertThat(letter.path("bodyPreview").asText()).isEqualTo("payment-1");
        // each message as the console shows it names its broker (it was null: an outside audit)
        assertThat(letter.path("brokerName").asText()).isEqualTo("broker-a");
        String deadLetterId = letter.path("offsetMessageId").asText();

        payments.serviceUp.set(true);
        ResponseEntity<JsonNode> resent = http.postForEntity(API + "groups/payment-service/dead-letters/resend",
                Map.of("messageIds", List.of(deadLetterId)), JsonNode.class);

        assertThat(resent.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resent.getBody().path("resent").path(deadLetterId).path("topic").asText()).isEqualTo("payments");
        await().atMost(DEADLINE).until(() -> payments.paid.contains("payment-1"));
        assertThat(json("groups/payment-service/dead-letters").path("messages").get(0).path("resent").path("messageId")
                .asText()).isEqualTo(resent.getBody().path("resent").path(deadLetterId).path("messageId").asText());
        // what was re-sent is not re-sent again by "all"
        ResponseEntity<JsonNode> all = http.postForEntity(API + "groups/payment-service/dead-letters/resend",
                Map.of("all", true), JsonNode.class);
        assertThat(all.getBody().path("resent").size()).isZero();
        assertThat(payments.paid).containsExactly("payment-1");
    }

    @Test
    @Order(5)
    void aResendMustNameItsDeadLettersAndAGroupOfTheApplication() {
        ResponseEntity<JsonNode> neither = http.postForEntity(API + "groups/payment-service/dead-letters/resend",
                Map.of(), JsonNode.class);
        assertThat(neither.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(neither.getBody().path("error").asText()).contains("messageIds", "all=true");
        // a request the console cannot read is the caller's error, not the broker's (it answered 502 Bad Gateway)
        ResponseEntity<JsonNode> unreadable = http.postForEntity(API + "groups/payment-service/dead-letters/resend",
                new HttpEntity<>("{", jsonHeaders()), JsonNode.class);
        assertThat(unreadable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        // it named the controller's Java method (an outside audit)
        ResponseEntity<JsonNode> empty = http.postForEntity(API + "groups/payment-service/dead-letters/resend",
                new HttpEntity<>("", jsonHeaders()), JsonNode.class);
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(empty.getBody().path("error").asText()).contains("messageIds").doesNotContain("CompletableFuture");
        ResponseEntity<JsonNode> wrongType = http.postForEntity(API + "groups/payment-service/dead-letters/resend",
                "all", JsonNode.class);
        assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        ResponseEntity<JsonNode> unknown = http.getForEntity(API + "groups/somebody-else/dead-letters", JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().path("error").asText()).contains("somebody-else");
    }

    @Test
    @Order(6)
    void findsAMessageByKeyAndById() {
        String id = producer.send("direct:orders", e -> {
            e.getMessage().setBody("keyed order");
            e.getMessage().setHeader(RocketMQConstants.KEYS, "db.orders.42");
            e.getMessage().setHeader("source", "console-test");
        }).getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class);

        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(json("messages?key=db.orders.42").path("messages")).hasSize(1));
        JsonNode message = json("messages?key=db.orders.42").path("messages").get(0);
        assertThat(message.path("messageId").asText()).isEqualTo(id);
        assertThat(message.path("topic").asText()).isEqualTo("orders");
        assertThat(message.path("keys").asText()).isEqualTo("db.orders.42");
        assertThat(message.path("bodyPreview").asText()).isEqualTo("keyed order");
        assertThat(message.path("properties").path("source").asText()).isEqualTo("console-test");
        assertThat(message.path("storeTime").asText()).isNotBlank();
        assertThat(json("messages?id=" + id).path("messages").get(0).path("keys").asText()).isEqualTo("db.orders.42");
        assertThat(message.path("brokerName").asText()).isEqualTo("broker-a");
        assertThat(json("messages?id=" + id).path("messages").get(0).path("brokerName").asText()).isEqualTo("broker-a");
        assertThat(json("messages?id=" + message.path("offsetMessageId").asText()).path("messages").get(0)
                .path("brokerName").asText()).isEqualTo("broker-a");
        assertThat(json("messages?key=no-such-key").path("messages")).isEmpty();
        // answered as "no message with that key" before (an outside audit)
        ResponseEntity<JsonNode> noTopic = http.getForEntity(API + "messages?key=db.orders.42&topic=no-such-topic",
                JsonNode.class);
        assertThat(noTopic.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(noTopic.getBody().path("error").asText()).contains("no-such-topic");
        assertThat(http.getForEntity(API + "messages", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    @Order(7)
    void countsHalfMessagesWaitingAndCheckBacksByAnswer() {
        producer.sendBody("direct:settle", "COMMIT");
        producer.sendBody("direct:settle", "UNKNOWN");

        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode transactions = json("transactions");
            JsonNode settlements = find(transactions.path("producers"), "producerGroup", "settlement-service");
            assertThat(settlements.path("checkBacks").path("UNKNOWN").asLong()).isPositive();
            // by answer: the undecided one's are UNKNOWN, a committed one's (if checked before its marker) COMMIT
            assertThat(settlements.path("checkBacks").path("UNKNOWN").asLong())
                    .isGreaterThan(settlements.path("checkBacks").path("COMMIT").asLong());
            // the backlog of the group's check threads: none held or dropped by a checker that answers at once
            assertThat(settlements.path("checkBacks").path("WAITING").isNumber()).isTrue();
            assertThat(settlements.path("checkBacks").path("DROPPED").asLong(-1)).isZero();
            JsonNode broker = transactions.path("clusters").get(0).path("halfMessages").get(0);
            assertThat(broker.path("exact").asBoolean()).isTrue();
            assertThat(broker.path("waiting").asLong()).isEqualTo(1);
        });
    }

    @Test
    @Order(8)
    void showsTheBrokersAndTheEmbeddedStore() {
        // a read of the broker's figures that timed out on a busy machine is shown as the broker's error: read again
        JsonNode broker = await().atMost(DEADLINE).until(() -> json("broker"), read -> read.path("clusters").get(0)
                .path("brokers").get(0).path("figures").path("commitLogMaxOffset").asLong() > 0);
        JsonNode figures = broker.path("clusters").get(0).path("brokers").get(0).path("figures");
        assertThat(figures.path("brokerVersionDesc").asText()).startsWith("V5_5");
        JsonNode store = broker.path("embedded");
        assertThat(store.path("diskTotal").asLong()).isGreaterThan(store.path("diskUsable").asLong());
        JsonNode brokerStore = store.path("brokers").get(0);
        assertThat(brokerStore.path("commitLog").path("count").asInt()).isPositive();
        assertThat(brokerStore.path("topics").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(brokerStore.path("consumeQueues").asInt()).isGreaterThanOrEqualTo(brokerStore.path("topics").asInt());
        assertThat(brokerStore.path("index").path("count").asInt()).isPositive();
    }

    @Test
    @Order(9)
    void theDevConsoleShowsTheSameRoutesAndLag() {
        ResponseEntity<JsonNode> response = http.getForEntity("/actuator/camel/rocketmq", JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode devConsole = response.getBody().path("rocketmq");
        JsonNode console = json("overview");
        for (String field : List.of("routeId", "topic", "consumerGroup", "messageModel", "consumeMode", "state")) {
            assertThat(find(devConsole.path("consumers"), "routeId", "backlog-reader").path(field))
                    .isEqualTo(find(console.path("consumers"), "routeId", "backlog-reader").path(field));
        }
        assertThat(find(devConsole.path("groups"), "consumerGroup", "backlog-readers").path("lag").asLong()).isEqualTo(3);
        assertThat(find(devConsole.path("transactions"), "producerGroup", "settlement-service").path("checkBacks")
                .path("UNKNOWN").asLong()).isPositive();
        SERVED.add(response.getBody().toString());
    }

    @Test
    @Order(10)
    void nothingTheConsoleServedContainsTheSecret() {
        List<String> all = new ArrayList<>(SERVED);
        for (String api : List.of("overview", "groups", "transactions", "broker", "groups/payment-service/dead-letters",
                "messages?key=db.orders.42")) {
            all.add(get(API + api));
        }
        assertThat(all).hasSizeGreaterThan(10).noneMatch(body -> body.contains(SECRET));
    }

    private String get(String path) {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        SERVED.add(response.getBody());
        return response.getBody();
    }

    private JsonNode json(String api) {
        ResponseEntity<JsonNode> response = http.getForEntity(API + api, JsonNode.class);
        assertThat(response.getStatusCode()).as(api).isEqualTo(HttpStatus.OK);
        SERVED.add(response.getBody().toString());
        return response.getBody();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        List<JsonNode> matching = new ArrayList<>();
        array.forEach(element -> {
            if (element.path(field).asText().equals(value)) {
                matching.add(element);
            }
        });
        assertThat(matching).as("%s=%s in %s", field, value, array).hasSize(1);
        return matching.get(0);
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}

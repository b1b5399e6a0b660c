package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.testsupport.TestClients;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.hook.PutMessageHook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Re-sending one group's dead letter from the console must reach that group only. Another group consuming the
 * same topic already handled the message; it must not get it a second time.
 */
@SpringBootTest(classes = ConsoleResendIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = { "rocketcamel.console.enabled=true", "rocketcamel.embedded-broker.topics.resend-payments=1",
                               "rocketcamel.embedded-broker.topics.resend-ordered=1",
                               "rocketcamel.embedded-broker.topics.resend-twice=1",
                               "rocketcamel.embedded-broker.topics.resend-current=1",
                               "rocketcamel.embedded-broker.topics.resend-mixed=1",
                               "rocketcamel.embedded-broker.topics.resend-cross=1",
                               "rocketcamel.embedded-broker.topics.resend-replica=1" })
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
    @LocalServerPort
    private int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        final AtomicBoolean payerUp = new AtomicBoolean();
        final List<String> paid = new CopyOnWriteArrayList<>();
        final List<String> ledger = new CopyOnWriteArrayList<>();
        final AtomicBoolean orderedUp = new AtomicBoolean();
        final List<String> ordered = new CopyOnWriteArrayList<>();
        final AtomicBoolean twiceUp = new AtomicBoolean();
        final List<String> twice = new CopyOnWriteArrayList<>();
        final List<String> current = new CopyOnWriteArrayList<>();
        final AtomicBoolean mixedUp = new AtomicBoolean();
        final List<String> mixed = new CopyOnWriteArrayList<>();
        final AtomicBoolean crossUp = new AtomicBoolean();
        final List<String> cross = new CopyOnWriteArrayList<>();
        final AtomicBoolean replicaUp = new AtomicBoolean();
        final List<String> replica = new CopyOnWriteArrayList<>();

        @Bean
        RouteBuilder resendRoutes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:pay").to("rocketmq:" + TOPIC);
                    from("rocketmq:" + TOPIC + "?consumerGroup=resend-payer&maxReconsumeTimes=0").routeId("payer")
                            .process(failingUntil(payerUp, paid));
                    from("rocketmq:" + TOPIC + "?consumerGroup=resend-ledger").routeId("ledger")
                            .process(e -> ledger.add(e.getMessage().getBody(String.class)));
                    from("rocketmq:resend-ordered?consumerGroup=resend-orderly&consumeMode=ORDERLY&maxReconsumeTimes=0")
                            .process(failingUntil(orderedUp, ordered));
                    from("rocketmq:resend-twice?consumerGroup=resend-twice&maxReconsumeTimes=0")
                            .process(failingUntil(twiceUp, twice));
                    from("rocketmq:resend-current?consumerGroup=resend-renamed")
                            .process(e -> current.add(e.getMessage().getBody(String.class)));
                    from("rocketmq:resend-mixed?consumerGroup=resend-mixed&maxReconsumeTimes=0")
                            .process(failingUntil(mixedUp, mixed));
                    from("rocketmq:resend-cross?consumerGroup=resend-cross&maxReconsumeTimes=0")
                            .process(failingUntil(crossUp, cross));
                    from("rocketmq:resend-replica?consumerGroup=resend-replica&maxReconsumeTimes=0")
                            .process(failingUntil(replicaUp, replica));
                }
            };
        }

        /** A service that fails every message until it is up, then records each body. */
        private static Processor failingUntil(AtomicBoolean up, List<String> received) {
            return e -> {
                if (!up.get()) {
                    throw new IllegalStateException("service down");
                }
                received.add(e.getMessage().getBody(String.class));
            };
        }
    }

    @Test
    void aResentDeadLetterReachesOnlyItsGroup() {
        producer.sendBody("direct:pay", "p1");
        await().atMost(DEADLINE).until(() -> app.ledger.contains("p1") && broker.messageCount("%DLQ%resend-payer") == 1);
        app.payerUp.set(true);
        ResponseEntity<JsonNode> resent = resendNewest("resend-payer");
        assertThat(resent.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(DEADLINE).until(() -> app.paid.contains("p1"));

        // the re-sent copy was stored where only resend-payer reads it, not in the topic every group reads
        assertThat(broker.messageCount(TOPIC)).as("messages stored in " + TOPIC + " (ledger received " + app.ledger + ")")
                .isEqualTo(1);
        assertThat(app.ledger).containsExactly("p1");

        // a second click on the same dead letter: refused, the route does not get it again
        ResponseEntity<JsonNode> again = resendNewest("resend-payer");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().path("resent").size()).as(again.getBody().toString()).isZero();
        assertThat(again.getBody().path("failed").elements().next().asText()).contains("re-sent already");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> app.paid.size() == 1);
    }

    /**
     * A group's dead-letter topic holds what it gave up on every topic it consumed (an older release's topic, another
     * application on the same group): re-sent, such a letter ran in this group's route as a message of that topic.
     */
    @Test
    void aDeadLetterOfATopicTheGroupNoLongerConsumesIsRefusedNamingIt() throws Exception {
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            // as the broker dead-letters a retry past its limit: kept with the topic it was consumed from
            Message retry = new Message("%RETRY%resend-renamed", "legacy-1".getBytes(StandardCharsets.UTF_8));
            MessageAccessor.putProperty(retry, MessageConst.PROPERTY_RETRY_TOPIC, "legacy-invoices");
            MessageAccessor.setReconsumeTime(retry, "20");
            MessageAccessor.setMaxReconsumeTimes(retry, "0");
            clients.producer().send(retry);
        }
        await().atMost(DEADLINE).until(() -> broker.messages("%DLQ%resend-renamed").stream()
                .anyMatch(m -> new String(m.getBody(), StandardCharsets.UTF_8).equals("legacy-1")));
        JsonNode page = http.getForObject("/rocketcamel/api/groups/resend-renamed/dead-letters", JsonNode.class);
        String id = StreamSupport.stream(page.path("messages").spliterator(), false).map(m -> m.path("message"))
                .filter(m -> m.path("bodyPreview").asText().equals("legacy-1")).findFirst().orElseThrow()
                .path("offsetMessageId").asText();

        ResponseEntity<JsonNode> resent = http.postForEntity(
                "/rocketcamel/api/groups/resend-renamed/dead-letters/resend", Map.of("messageIds", List.of(id)),
                JsonNode.class);

        assertThat(resent.getBody().path("resent").size()).as(resent.getBody().toString()).isZero();
        assertThat(resent.getBody().path("failed").path(id).asText()).contains("legacy-invoices", "resend-current");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> app.current.isEmpty());
    }

    /**
     * An ORDERLY group's copy sent to its retry topic is stored straight back in its dead-letter topic while its
     * consumers hold their queue locks (RocketMQ's rule for ordered groups): the console reported it re-sent and the
     * route never got it.
     */
    @Test
    void anOrderlyGroupsDeadLetterIsRefusedNamingWhy() {
        producer.sendBody("rocketmq:resend-ordered", "o1");
        await().atMost(DEADLINE).until(() -> broker.messageCount("%DLQ%resend-orderly") == 1);
        app.orderedUp.set(true);
        ResponseEntity<JsonNode> resent = resendNewest("resend-orderly");

        assertThat(resent.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(resent.getBody().path("error").asText()).contains("consumeMode=ORDERLY", "%DLQ%resend-orderly");
        assertThat(broker.messageCount("%DLQ%resend-orderly")).isEqualTo(1);
    }

    /**
     * The broker stores what is sent to a group's retry topic straight back in its dead-letter topic while any member
     * of the group holds ORDERLY queue locks, and still answers SEND_OK: with such a member in another application the
     * console reported the letter re-sent, and no route got it.
     */
    @Test
    void aCopyTheBrokerStoredBackInTheDeadLetterTopicIsReportedFailed() throws Exception {
        producer.sendBody("rocketmq:resend-mixed", "x1");
        await().atMost(DEADLINE).until(() -> broker.messageCount("%DLQ%resend-mixed") == 1);
        DefaultMQPushConsumer orderly = new DefaultMQPushConsumer("resend-mixed");
        orderly.setNamesrvAddr(broker.getNamesrvAddr());
        orderly.setInstanceName("resend-mixed-orderly-elsewhere");
        orderly.subscribe("resend-mixed", "*");
        orderly.registerMessageListener((MessageListenerOrderly) (messages, context) -> ConsumeOrderlyStatus.SUCCESS);
        orderly.start();
        try {
            await().atMost(DEADLINE).until(() -> !broker.getBrokerController(broker.getBrokerNames().get(0))
                    .getRebalanceLockManager().isLockAllExpired("resend-mixed"));
            app.mixedUp.set(true);
            ResponseEntity<JsonNode> resent = resendNewest("resend-mixed");

            assertThat(resent.getBody().path("resent").size()).as(resent.getBody().toString()).isZero();
            assertThat(resent.getBody().path("failed").elements().next().asText()).contains("%DLQ%resend-mixed");
            assertThat(app.mixed).isEmpty();
        } finally {
            orderly.shutdown();
        }
    }

    /** Two "re-send all" requests at once (a second click while the first still sends) re-send each letter once. */
    @Test
    void overlappingResendAllRequestsSendEachDeadLetterOnce() throws Exception {
        producer.sendBody("rocketmq:resend-twice", "t1");
        producer.sendBody("rocketmq:resend-twice", "t2");
        await().atMost(DEADLINE).until(() -> broker.messageCount("%DLQ%resend-twice") == 2);
        app.twiceUp.set(true);
        // the broker holds the first re-sent copy until the second request ran
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean();
        PutMessageHook hold = new PutMessageHook() {
            @Override
            public String hookName() {
                return "hold-first-resend";
            }

            @Override
            public PutMessageResult executeBeforePutMessage(MessageExt message) {
                if (message.getTopic().equals("%RETRY%resend-twice") && first.compareAndSet(false, true)) {
                    held.countDown();
                    try {
                        release.await(2, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return null;
            }
        };
        List<PutMessageHook> hooks = broker.getBrokerController(broker.getBrokerNames().get(0)).getMessageStore()
                .getPutMessageHookList();
        hooks.add(hold);
        try {
            CompletableFuture<ResponseEntity<JsonNode>> firstRequest = CompletableFuture.supplyAsync(() -> http.postForEntity(
                    "/rocketcamel/api/groups/resend-twice/dead-letters/resend", Map.of("all", true), JsonNode.class));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            ResponseEntity<JsonNode> second = http.postForEntity("/rocketcamel/api/groups/resend-twice/dead-letters/resend",
                    Map.of("all", true), JsonNode.class);
            release.countDown();
            ResponseEntity<JsonNode> firstAnswer = firstRequest.get(20, TimeUnit.SECONDS);

            assertThat(firstAnswer.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
            List<String> sentByFirst = new ArrayList<>();
            firstAnswer.getBody().path("resent").fieldNames().forEachRemaining(sentByFirst::add);
            List<String> sentBySecond = new ArrayList<>();
            second.getBody().path("resent").fieldNames().forEachRemaining(sentBySecond::add);
            assertThat(sentByFirst).as("re-sent by both requests").doesNotContainAnyElementsOf(sentBySecond);
            assertThat(sentByFirst.size() + sentBySecond.size()).isEqualTo(2);
        } finally {
            release.countDown();
            hooks.remove(hold);
        }
        await().atMost(DEADLINE).until(() -> app.twice.size() >= 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> app.twice.size() == 2);
        assertThat(app.twice).containsExactlyInAnyOrder("t1", "t2");
    }

    /**
     * Another replica of the application, or this one after a restart, has a console that did not re-send the dead
     * letter itself: the copy in the group's retry topic tells it, so the page shows the letter re-sent and a re-send
     * is refused (the marks lived in each console's memory: that console re-sent it again).
     */
    @Test
    void aDeadLetterAnotherConsoleReSentIsShownReSentAndRefused() throws Exception {
        producer.sendBody("rocketmq:resend-replica", "r1");
        await().atMost(DEADLINE).until(() -> broker.messageCount("%DLQ%resend-replica") == 1);
        app.replicaUp.set(true);
        String letter = newestDeadLetter("resend-replica");
        ResponseEntity<JsonNode> resent = resendNewest("resend-replica");
        assertThat(resent.getBody().path("resent").has(letter)).as(resent.getBody().toString()).isTrue();
        await().atMost(DEADLINE).until(() -> app.replica.contains("r1"));

        try (ConfigurableApplicationContext replica = new SpringApplicationBuilder(Replica.class).run("--server.port=0",
                "--rocketcamel.console.enabled=true", "--camel.main.name=replica",
                "--camel.component.rocketmq.namesrv-addr=" + broker.getNamesrvAddr())) {
            int replicaPort = ((WebServerApplicationContext) replica).getWebServer().getPort();
            String path = "/rocketcamel/api/groups/resend-replica/dead-letters";

            JsonNode page = json(RawHttp.send(replicaPort, "GET", path, Map.of("Host", "127.0.0.1:" + replicaPort),
                    null));
            assertThat(page.path("messages").get(0).path("message").path("offsetMessageId").asText()).isEqualTo(letter);
            assertThat(page.path("messages").get(0).path("resent").path("topic").asText()).as(page.toString())
                    .isEqualTo("resend-replica");

            for (String request : List.of("{\"messageIds\": [\"" + letter + "\"]}", "{\"all\": true}")) {
                JsonNode outcome = json(RawHttp.send(replicaPort, "POST", path + "/resend", Map.of("Host",
                        "127.0.0.1:" + replicaPort, "Content-Type", "application/json"), request));
                assertThat(outcome.path("resent").size()).as(request + ": " + outcome).isZero();
            }
            JsonNode named = json(RawHttp.send(replicaPort, "POST", path + "/resend", Map.of("Host",
                    "127.0.0.1:" + replicaPort, "Content-Type", "application/json"),
                    "{\"messageIds\": [\"" + letter + "\"]}"));
            assertThat(named.path("failed").path(letter).asText()).contains("re-sent already");
            assertThat(broker.messageCount("%RETRY%resend-replica")).as("copies in the group's retry topic")
                    .isEqualTo(1);
            assertThat(replica.getBean(Replica.class).received).isEmpty();
        }
        assertThat(app.replica).containsExactly("r1");
    }

    /** Another replica of the application: the group's route, on the same cluster, and a console of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Replica {

        final List<String> received = new CopyOnWriteArrayList<>();

        @Bean
        RouteBuilder replicaRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:resend-replica?consumerGroup=resend-replica&maxReconsumeTimes=0")
                            .process(e -> received.add(e.getMessage().getBody(String.class)));
                }
            };
        }
    }

    private static JsonNode json(RawHttp.Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /**
     * A page of another site open in the operator's browser can post to the console on loopback: a form or a script
     * sends a POST without asking the server first. Its re-send must be refused, and nothing re-sent.
     */
    @Test
    void aResendPostedByAnotherSitesPageIsRefused() throws Exception {
        producer.sendBody("rocketmq:resend-cross", "c1");
        await().atMost(DEADLINE).until(() -> broker.messageCount("%DLQ%resend-cross") == 1);
        app.crossUp.set(true);
        String resend = "{\"messageIds\": [\"" + newestDeadLetter("resend-cross") + "\"]}";
        String path = "/rocketcamel/api/groups/resend-cross/dead-letters/resend";

        for (String type : List.of("application/json", "text/plain")) {
            RawHttp.Response answer = RawHttp.send(port, "POST", path,
                    Map.of("Host", "127.0.0.1:" + port, "Origin", "http://attacker.example", "Content-Type", type),
                    resend);
            assertThat(answer.status()).as(type + ": " + answer.body()).isEqualTo(403);
            assertThat(answer.body()).contains("http://attacker.example", "127.0.0.1:" + port);
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> app.cross.isEmpty());

        // the console's own page posts with its own origin
        RawHttp.Response own = RawHttp.send(port, "POST", path,
                Map.of("Host", "127.0.0.1:" + port, "Origin", "http://127.0.0.1:" + port, "Content-Type",
                       "application/json"), resend);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        await().atMost(DEADLINE).until(() -> app.cross.contains("c1"));
    }

    /**
     * DNS rebinding: a site's name, rebound to 127.0.0.1 after its page loaded, makes the operator's browser take the
     * console for that site's own, able to read what the console shows and post re-sends. The browser sends the
     * site's name as {@code Host}; the console answers only the names it is known by.
     */
    @Test
    void aRequestForANameTheConsoleIsNotKnownByIsRefused() throws Exception {
        for (String path : List.of("/rocketcamel/", "/rocketcamel/api/groups")) {
            RawHttp.Response rebound = RawHttp.send(port, "GET", path, Map.of("Host", "rebound.example:" + port), null);
            assertThat(rebound.status()).as(path + ": " + rebound.body()).isEqualTo(403);
            assertThat(rebound.body()).contains("rebound.example", "rocketcamel.console.allowed-hosts");
        }
        for (String known : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
            RawHttp.Response answer = RawHttp.send(port, "GET", "/rocketcamel/api/groups", Map.of("Host", known), null);
            assertThat(answer.status()).as(known + ": " + answer.body()).isEqualTo(200);
        }
    }

    /** Re-sends the group's newest dead letter, named by the id its page shows. */
    private ResponseEntity<JsonNode> resendNewest(String group) {
        return http.postForEntity("/rocketcamel/api/groups/" + group + "/dead-letters/resend",
                Map.of("messageIds", List.of(newestDeadLetter(group))), JsonNode.class);
    }

    private String newestDeadLetter(String group) {
        JsonNode page = http.getForObject("/rocketcamel/api/groups/" + group + "/dead-letters", JsonNode.class);
        return page.path("messages").get(0).path("message").path("offsetMessageId").asText();
    }
}

package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.RunnerProcess;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.testsupport.TestClients;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.util.json.JsonObject;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The console's look-ups in the brokers' index with one broker hung (SIGSTOP: registered and connected, answering
 * nothing). RocketMQ's own look-up counted it as holding nothing: the console re-sent a dead letter again whose copy
 * another console had re-sent to that broker, a search answered no message while one was stored there, and each dead
 * letter's look-up waited out the broker (a page of 3 took 9.7 s). The cluster: a name server and broker-a in this
 * JVM, broker-b in a child JVM.
 */
class ConsoleHungBrokerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** One admin timeout (3 s) and the rest of the request; RocketMQ's look-up waited about 3 s per dead letter. */
    private static final Duration ONE_TIMEOUT = Duration.ofSeconds(8);
    private static final String GROUP = TestNames.unique("hung-group");
    private static final String TOPIC = TestNames.unique("hung-orders");
    private static final String RETRY = "%RETRY%" + GROUP;
    /** Groups of the same topic whose routes only consume: their lag is what the groups page shows. */
    private static final List<String> OTHER_GROUPS = List.of(TestNames.unique("hung-audit"),
            TestNames.unique("hung-billing"), TestNames.unique("hung-search-index"));

    @TempDir
    static Path dir;
    private static EmbeddedRocketMQBroker cluster;
    private static RunnerProcess brokerB;
    private static TestClients clients;
    private static BrokerAdmin admin;
    private static RocketMQConfiguration configuration;
    private static ConfigurableApplicationContext app;
    private static int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        final List<String> received = new CopyOnWriteArrayList<>();

        @Bean
        RouteBuilder hungBrokerRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:" + TOPIC + "?consumerGroup=" + GROUP + "&maxReconsumeTimes=0")
                            .process(e -> received.add(e.getMessage().getBody(String.class)));
                    for (String group : OTHER_GROUPS) {
                        from("rocketmq:" + TOPIC + "?consumerGroup=" + group).log("${body}");
                    }
                }
            };
        }
    }

    @BeforeAll
    static void start() throws Exception {
        cluster = EmbeddedRocketMQBroker.builder().topic(TOPIC, 1).start();
        brokerB = RunnerProcess.start(List.of("--namesrv", cluster.getNamesrvAddr(), "--broker-name", "broker-b"),
                dir.resolve("broker-b.log"));
        clients = new TestClients(cluster.getNamesrvAddr());
        admin = new BrokerAdmin();
        configuration = new RocketMQConfiguration();
        configuration.setNamesrvAddr(cluster.getNamesrvAddr());
        // the topic spread over both brokers, as the route's group and its retry topic are then
        createOnBrokerB(TOPIC);
        app = new SpringApplicationBuilder(App.class).run("--server.port=0", "--rocketcamel.console.enabled=true",
                "--camel.main.name=hung-broker", "--camel.component.rocketmq.namesrv-addr=" + cluster.getNamesrvAddr());
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        // the route's heartbeats create the group's retry topic on each broker of its topic
        await().atMost(DEADLINE).until(() -> brokersOf(RETRY).containsAll(List.of("broker-a", "broker-b")));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (clients != null) {
            clients.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (brokerB != null) {
            brokerB.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aDeadLetterWhoseCopyAHungBrokerMayHoldIsNotReSentAgain() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String body : List.of("d1", "d2", "d3")) {
            ids.add(deadLetter(body));
        }
        await().atMost(DEADLINE).until(() -> cluster.messageCount("%DLQ%" + GROUP) == 3);
        // d2 re-sent by another console (a replica's, or this one before a restart), its copy stored on broker-b
        Message copy = new Message(RETRY, "d2".getBytes(StandardCharsets.UTF_8));
        MessageAccessor.putProperty(copy, MessageConst.PROPERTY_RETRY_TOPIC, TOPIC);
        MessageAccessor.putProperty(copy, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, ids.get(1));
        clients.producer().send(copy, new MessageQueue(RETRY, "broker-b", 0));
        await().atMost(DEADLINE).until(() -> received().contains("d2"));
        await().atMost(DEADLINE).until(() -> indexed(RETRY, ids.get(1)));
        String path = "/rocketcamel/api/groups/" + GROUP + "/dead-letters";

        brokerB.suspend();
        try {
            long began = System.nanoTime();
            JsonNode page = call("GET", path, null);
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertThat(page.path("messages").size()).as(page.toString()).isEqualTo(3);
            assertThat(page.path("unanswered").path("broker-b").asText()).as(page.toString())
                    .contains("no answer within 3000 ms");
            assertThat(took).as("the page with broker-b hung").isLessThan(ONE_TIMEOUT);

            String d2 = offsetIdOf(page, "d2");
            JsonNode named = call("POST", path + "/resend", "{\"messageIds\": [\"" + d2 + "\"]}");
            assertThat(named.path("resent").size()).as(named.toString()).isZero();
            assertThat(named.path("failed").path(d2).asText()).contains("could not tell", "broker-b", "did not answer");
            JsonNode all = call("POST", path + "/resend", "{\"all\": true}");
            assertThat(all.path("resent").size()).as(all.toString()).isZero();
            assertThat(all.path("failed").size()).as(all.toString()).isEqualTo(3);
            assertThat(cluster.messageCount(RETRY)).as("copies stored on broker-a").isZero();
        } finally {
            brokerB.resume();
        }

        // broker-b answers again: d2 shows its copy, d1 is re-sent, and the route gets each once
        await().atMost(DEADLINE).until(() -> call("GET", path, null).path("unanswered").isEmpty());
        JsonNode page = call("GET", path, null);
        assertThat(resentOf(page, "d2").path("messageId").asText()).isEqualTo(ids.get(1));
        assertThat(resentOf(page, "d1").isNull()).as(page.toString()).isTrue();
        JsonNode d1 = call("POST", path + "/resend", "{\"messageIds\": [\"" + offsetIdOf(page, "d1") + "\"]}");
        assertThat(d1.path("resent").size()).as(d1.toString()).isEqualTo(1);
        await().atMost(DEADLINE).until(() -> received().contains("d1"));
        assertThat(received()).containsExactly("d2", "d1");
    }

    @Test
    void aSearchSaysWhichBrokerDidNotAnswer() throws Exception {
        String topic = TestNames.unique("hung-search");
        String key = TestNames.unique("order");
        cluster.createTopic(topic, 1);
        createOnBrokerB(topic);
        send(topic, "broker-a", key, "on-a");
        SendResult onB = send(topic, "broker-b", key, "on-b");
        String byKey = "/rocketcamel/api/messages?topic=" + topic + "&key="
                       + URLEncoder.encode(key, StandardCharsets.UTF_8);
        await().atMost(DEADLINE).until(() -> call("GET", byKey, null).path("messages").size() == 2);

        brokerB.suspend();
        try {
            long began = System.nanoTime();
            JsonNode found = call("GET", byKey, null);
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertThat(bodies(found)).containsExactly("on-a");
            assertThat(found.path("unanswered").path("broker-b").asText()).as(found.toString())
                    .contains("no answer within 3000 ms");
            assertThat(took).as("the search with broker-b hung").isLessThan(ONE_TIMEOUT);

            for (String id : List.of(onB.getMsgId(), onB.getOffsetMsgId())) {
                JsonNode byId = call("GET", "/rocketcamel/api/messages?topic=" + topic + "&id=" + id, null);
                assertThat(byId.path("messages").size()).as(byId.toString()).isZero();
                assertThat(byId.path("unanswered").path("broker-b").asText()).as(id + ": " + byId).isNotEmpty();
            }
        } finally {
            brokerB.resume();
        }
        await().atMost(DEADLINE).until(() -> call("GET", byKey, null).path("unanswered").isEmpty());
        assertThat(bodies(call("GET", byKey, null))).containsExactlyInAnyOrder("on-a", "on-b");
    }

    @Test
    void theGroupsPageShowsWhatTheBrokersThatAnsweredHold() throws Exception {
        List<String> groups = new ArrayList<>(OTHER_GROUPS);
        groups.add(GROUP);
        await().atMost(DEADLINE).until(() -> groupsPage().size() == groups.size() && groupsPage().stream()
                .allMatch(group -> queueBrokers(group).equals(List.of("broker-a", "broker-b"))));

        brokerB.suspend();
        try {
            long began = System.nanoTime();
            List<JsonNode> page = groupsPage();
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertThat(took).as("the groups page of 4 groups with broker-b hung").isLessThan(ONE_TIMEOUT);
            assertThat(page).extracting(group -> group.path("consumerGroup").asText())
                    .containsExactlyInAnyOrderElementsOf(groups);
            for (JsonNode group : page) {
                assertThat(group.has("error")).as(group.toString()).isFalse();
                assertThat(queueBrokers(group)).as(group.toString()).containsExactly("broker-a");
                assertThat(group.path("unanswered").path("broker-b").asText()).as(group.toString())
                        .contains("no answer within 3000 ms");
            }

            // Camel's dev console reads the same offsets through the routes' own clients
            DevConsole devConsole = app.getBean(CamelContext.class).getCamelContextExtension()
                    .getContextPlugin(DevConsoleRegistry.class).resolveById("rocketmq");
            began = System.nanoTime();
            JsonNode dev = new ObjectMapper().readTree(((JsonObject) devConsole.call(DevConsole.MediaType.JSON,
                    Map.of())).toJson());
            took = Duration.ofNanos(System.nanoTime() - began);
            assertThat(took).as("the dev console with broker-b hung").isLessThan(ONE_TIMEOUT);
            assertThat(dev.path("groups").size()).as(dev.toString()).isEqualTo(groups.size());
            // the routes' clients time out on broker-b too, and then fail at once on the connection they closed
            String address = brokerB.brokers().get(0).address();
            for (JsonNode group : dev.path("groups")) {
                assertThat(queueBrokers(group)).as(group.toString()).containsExactly("broker-a");
                assertThat(group.path("unanswered").path("broker-b").asText()).as(group.toString())
                        .startsWith("at " + address + ": ");
            }
            assertThat((String) devConsole.call(DevConsole.MediaType.TEXT, Map.of()))
                    .contains("broker-b (at " + address + ": ")
                    .contains("did not answer: their queues are not counted");
        } finally {
            brokerB.resume();
        }
        await().atMost(DEADLINE).until(() -> groupsPage().stream().allMatch(group -> group.path("unanswered").isEmpty()
                && queueBrokers(group).equals(List.of("broker-a", "broker-b"))));
    }

    @Test
    void theDeadLettersOfTheBrokersThatAnswerAreShownAndReSent() throws Exception {
        String group = OTHER_GROUPS.get(0);
        String retry = "%RETRY%" + group;
        await().atMost(DEADLINE).until(() -> brokersOf(retry).containsAll(List.of("broker-a", "broker-b")));
        deadLetter(retry, "broker-a", "on-a");
        deadLetter(retry, "broker-b", "on-b");
        String path = "/rocketcamel/api/groups/" + group + "/dead-letters";
        await().atMost(DEADLINE).until(() -> call("GET", path, null).path("messages").size() == 2);
        String onB = offsetIdOf(call("GET", path, null), "on-b");

        brokerB.suspend();
        try {
            long began = System.nanoTime();
            JsonNode page = call("GET", path, null);
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertThat(took).as("the dead letters page with broker-b hung").isLessThan(ONE_TIMEOUT);
            assertThat(page.path("size").asLong()).as(page.toString()).isEqualTo(1);
            assertThat(page.path("messages").size()).as(page.toString()).isEqualTo(1);
            assertThat(letter(page, "on-a").path("resent").isNull()).as(page.toString()).isTrue();
            assertThat(page.path("unanswered").path("broker-b").asText()).as(page.toString())
                    .contains("no answer within 3000 ms");

            JsonNode named = call("POST", path + "/resend", "{\"messageIds\": [\"" + onB + "\"]}");
            assertThat(named.path("resent").size()).as(named.toString()).isZero();
            assertThat(named.path("failed").path(onB).asText()).contains("broker-b", "did not answer");
        } finally {
            brokerB.resume();
        }
        await().atMost(DEADLINE).until(() -> call("GET", path, null).path("unanswered").isEmpty());
        assertThat(call("GET", path, null).path("size").asLong()).isEqualTo(2);
    }

    private static List<JsonNode> groupsPage() throws Exception {
        return StreamSupport.stream(call("GET", "/rocketcamel/api/groups", null).path("groups").spliterator(), false)
                .toList();
    }

    /** The brokers whose queues of the topic the group's entry lists, in order, each once. */
    private static List<String> queueBrokers(JsonNode group) {
        return StreamSupport.stream(group.path("queues").spliterator(), false)
                .filter(queue -> queue.path("topic").asText().equals(TOPIC))
                .map(queue -> queue.path("brokerName").asText()).distinct().sorted().toList();
    }

    private static void createOnBrokerB(String topic) throws Exception {
        admin().createAndUpdateTopicConfig(brokerB.brokers().get(0).address(), new TopicConfig(topic, 1, 1, 6));
        await().atMost(DEADLINE).until(() -> brokersOf(topic).containsAll(List.of("broker-a", "broker-b")));
    }

    /** As the broker dead-letters a message past its retries: stored on broker-a, with the topic it came from. */
    private static String deadLetter(String body) throws Exception {
        return deadLetter(RETRY, "broker-a", body);
    }

    private static String deadLetter(String retryTopic, String broker, String body) throws Exception {
        Message retry = new Message(retryTopic, body.getBytes(StandardCharsets.UTF_8));
        MessageAccessor.putProperty(retry, MessageConst.PROPERTY_RETRY_TOPIC, TOPIC);
        MessageAccessor.setReconsumeTime(retry, "20");
        MessageAccessor.setMaxReconsumeTimes(retry, "0");
        return clients.producer().send(retry, new MessageQueue(retryTopic, broker, 0)).getMsgId();
    }

    private static SendResult send(String topic, String broker, String key, String body) throws Exception {
        Message message = new Message(topic, body.getBytes(StandardCharsets.UTF_8));
        message.setKeys(key);
        return clients.producer().send(message, new MessageQueue(topic, broker, 0));
    }

    private static List<String> brokersOf(String topic) {
        try {
            return admin().examineTopicRouteInfo(topic).getBrokerDatas().stream().map(BrokerData::getBrokerName)
                    .toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Whether the brokers' index finds the message id in the topic (all brokers answering). */
    private static boolean indexed(String topic, String id) {
        try {
            return !admin().queryMessageByUniqKey(null, topic, id, 32, 0, Long.MAX_VALUE).getMessageList().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static DefaultMQAdminExt admin() {
        return admin.client(configuration);
    }

    private static List<String> received() {
        return app.getBean(App.class).received;
    }

    private static JsonNode call(String method, String path, String body) throws Exception {
        Map<String, String> headers = body == null ? Map.of("Host", "127.0.0.1:" + port)
                : Map.of("Host", "127.0.0.1:" + port, "Content-Type", "application/json");
        RawHttp.Response response = RawHttp.send(port, method, path, headers, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static String offsetIdOf(JsonNode page, String body) {
        return letter(page, body).path("message").path("offsetMessageId").asText();
    }

    private static JsonNode resentOf(JsonNode page, String body) {
        return letter(page, body).path("resent");
    }

    private static JsonNode letter(JsonNode page, String body) {
        return StreamSupport.stream(page.path("messages").spliterator(), false)
                .filter(letter -> letter.path("message").path("bodyPreview").asText().equals(body)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter " + body + " in " + page));
    }

    private static List<String> bodies(JsonNode found) {
        return StreamSupport.stream(found.path("messages").spliterator(), false)
                .map(message -> message.path("bodyPreview").asText()).toList();
    }
}

package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.testsupport.TestClients;
import io.rocketcamel.testsupport.TestNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticationIT {

    private static final String TOPIC = "secured";
    private static EmbeddedRocketMQBroker broker;
    private static final Path HOME_LOGS = Path.of(System.getProperty("user.home"), "logs", "rocketmqlogs");
    private static TestClients clients;
    private static Set<Path> homeLogsBefore;

    @BeforeAll
    static void start() throws IOException {
        homeLogsBefore = homeLogs();
        broker = EmbeddedRocketMQBroker.builder().authentication("rocketcamel", "s3cret-key").topic(TOPIC, 2).start();
        clients = new TestClients(broker.getNamesrvAddr());
    }

    @AfterAll
    static void stop() {
        clients.close();
        broker.close();
    }

    private static Set<Path> homeLogs() throws IOException {
        if (!Files.isDirectory(HOME_LOGS)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(HOME_LOGS)) {
            return files.collect(Collectors.toSet());
        }
    }

    @Test
    void theUserStoreWritesNothingUnderTheHomeDirectory() throws IOException {
        assertThat(homeLogs()).as("RocksDB LOG files of the ACL user store").isEqualTo(homeLogsBefore);
    }

    private static AclClientRPCHook signedAs(String accessKey, String secretKey) {
        return new AclClientRPCHook(new SessionCredentials(accessKey, secretKey));
    }

    @Test
    void signedClientsSendAndConsume() throws Exception {
        DefaultMQProducer producer = clients.producer(signedAs("rocketcamel", "s3cret-key"));
        for (int i = 0; i < 3; i++) {
            assertThat(producer.send(new Message(TOPIC, ("m" + i).getBytes(StandardCharsets.UTF_8))).getSendStatus())
                    .isEqualTo(SendStatus.SEND_OK);
        }
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer consumer = clients.consumer(TestNames.unique("cg"), signedAs("rocketcamel", "s3cret-key"));
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.stream().map(MessageExt::getBody).map(b -> new String(b, StandardCharsets.UTF_8)).forEach(received::add);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        clients.start(consumer);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        assertThat(received).containsExactlyInAnyOrder("m0", "m1", "m2");
    }

    /**
     * RocketMQ creates the configured super user only when the store has none of that name, so on a kept store new
     * keys were refused and the old ones went on working.
     */
    @Test
    void onAKeptStoreTheKeysOfTheLatestStartAreTheOnesThatWork(@TempDir Path store) throws Exception {
        SessionCredentials first = new SessionCredentials("keeper", "first-secret");
        SessionCredentials second = new SessionCredentials("keeper", "second-secret");
        SessionCredentials successor = new SessionCredentials("successor", "third-secret");
        try {
            startAndCheck(store, first, List.of());
            startAndCheck(store, second, List.of(first));
            startAndCheck(store, successor, List.of(first, second));
        } finally {
            EmbeddedRocketMQBroker.awaitBackgroundShutdown(Duration.ofSeconds(60));
        }
    }

    private static void startAndCheck(Path store, SessionCredentials keys, List<SessionCredentials> refused)
            throws Exception {
        try (EmbeddedRocketMQBroker kept = EmbeddedRocketMQBroker.builder().storeDir(store)
                .authentication(keys.getAccessKey(), keys.getSecretKey()).topic(TOPIC, 1).start();
                TestClients own = new TestClients(kept.getNamesrvAddr())) {
            assertThat(own.producer(new AclClientRPCHook(keys))
                    .send(new Message(TOPIC, "x".getBytes(StandardCharsets.UTF_8))).getSendStatus())
                    .as("the keys of this start, %s", keys.getSecretKey()).isEqualTo(SendStatus.SEND_OK);
            for (SessionCredentials old : refused) {
                DefaultMQProducer producer = own.producer(new AclClientRPCHook(old));
                assertThatThrownBy(() -> producer.send(new Message(TOPIC, "x".getBytes(StandardCharsets.UTF_8))))
                        .as("the keys of an earlier start, %s", old.getSecretKey())
                        .rootCause().hasMessageContaining("CODE: 16");
            }
        }
    }

    @Test
    void anUnsignedSendIsRefused() throws Exception {
        DefaultMQProducer producer = clients.producer(null);
        assertThatThrownBy(() -> producer.send(new Message(TOPIC, "x".getBytes(StandardCharsets.UTF_8))))
                .rootCause().hasMessageContaining("CODE: 16").hasMessageContaining("username cannot be null");
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        DefaultMQProducer producer = clients.producer(signedAs("rocketcamel", "wrong"));
        assertThatThrownBy(() -> producer.send(new Message(TOPIC, "x".getBytes(StandardCharsets.UTF_8))))
                .rootCause().hasMessageContaining("CODE: 16").hasMessageContaining("check signature failed");
    }
}

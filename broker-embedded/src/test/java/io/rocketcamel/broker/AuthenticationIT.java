package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
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

class AuthenticationIT {

    private static final String TOPIC = "secured";
    private static EmbeddedRocketMQBroker broker;
    private static TestClients clients;

    @BeforeAll
    static void start() {
        broker = EmbeddedRocketMQBroker.builder().authentication("rocketcamel", "s3cret-key").topic(TOPIC, 2).start();
        clients = new TestClients(broker.getNamesrvAddr());
    }

    @AfterAll
    static void stop() {
        clients.close();
        broker.close();
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
        DefaultMQPushConsumer consumer = clients.consumer(TestClients.unique("cg"), signedAs("rocketcamel", "s3cret-key"));
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.stream().map(MessageExt::getBody).map(b -> new String(b, StandardCharsets.UTF_8)).forEach(received::add);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        clients.start(consumer);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        assertThat(received).containsExactlyInAnyOrder("m0", "m1", "m2");
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

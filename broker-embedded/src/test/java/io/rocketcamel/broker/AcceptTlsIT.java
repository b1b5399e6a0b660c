package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rocketcamel.testsupport.TestNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An embedded broker serves plain connections only, unless built with acceptTls(): RocketMQ's servers default to
 * accepting TLS as well, which costs each a key at start, and clients with useTls failed against it. The mode is
 * JVM-wide, so the class puts it back for the classes that run after it in this JVM.
 */
class AcceptTlsIT {

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @AfterAll
    static void plainTextAgain() {
        System.clearProperty(TlsSystemConfig.TLS_SERVER_MODE);
        TlsSystemConfig.tlsMode = TlsMode.DISABLED;
    }

    private EmbeddedRocketMQBroker started(EmbeddedRocketMQBrokerBuilder builder) {
        EmbeddedRocketMQBroker broker = builder.topic("tls-topic", 1).start();
        opened.add(broker);
        return broker;
    }

    private DefaultMQProducer producer(EmbeddedRocketMQBroker broker, boolean tls) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(TestNames.unique("tls-pg"));
        producer.setNamesrvAddr(broker.getNamesrvAddr());
        producer.setInstanceName(TestNames.unique("tls"));
        producer.setUseTLS(tls);
        producer.setSendMsgTimeout(5_000);
        producer.setRetryTimesWhenSendFailed(0);
        producer.start();
        opened.add(producer::shutdown);
        return producer;
    }

    private static Message message(String body) {
        return new Message("tls-topic", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTlsClientIsRefusedByDefaultAndServedWithAcceptTlsBesidesAPlainOne() throws Exception {
        EmbeddedRocketMQBroker plainOnly = started(EmbeddedRocketMQBroker.builder());
        DefaultMQProducer refused = producer(plainOnly, true);
        assertThatThrownBy(() -> refused.send(message("over TLS to a plain server"))).as("TLS to a plain-only server")
                .isInstanceOf(Exception.class);

        EmbeddedRocketMQBroker accepting = started(EmbeddedRocketMQBroker.builder().acceptTls());
        assertThat(producer(accepting, true).send(message("over TLS")).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(producer(accepting, false).send(message("in the clear")).getSendStatus())
                .isEqualTo(SendStatus.SEND_OK);
        assertThat(accepting.messageCount("tls-topic")).isEqualTo(2);
    }
}

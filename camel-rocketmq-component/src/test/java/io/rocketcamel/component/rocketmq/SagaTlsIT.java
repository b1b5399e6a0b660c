package io.rocketcamel.component.rocketmq;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * the saga service takes the name server, namespace and ACL keys from the rocketmq component, but not useTls:
 * against a cluster that accepts TLS only, a context whose component says useTls=true cannot start its saga service.
 */
class SagaTlsIT {

    private static SelfSignedCertificate certificate;
    private static EmbeddedRocketMQBroker broker;

    @BeforeAll
    static void startTlsOnlyBroker() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        TlsSettings saved = TlsSettings.current();
        try {
            TlsSettings.serveTlsOnly(certificate);
            broker = EmbeddedRocketMQBroker.builder().start();
        } finally {
            saved.restore();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
        certificate.delete();
    }

    @Test
    void theSagaServiceTalksTlsWhenTheComponentDoes() throws Exception {
        String topic = TestNames.unique("saga-tls");
        broker.createTopic(topic, 2);
        broker.createTopic(topic + "-dlq", 1);
        CamelContext context = RocketMQITSupport.newContext(broker);
        context.getComponent("rocketmq", RocketMQComponent.class).getConfiguration().setUseTls(true);
        RocketMQSagaService saga = new RocketMQSagaService();
        saga.setParticipant(TestNames.unique("p"));
        saga.setTopic(topic);
        saga.setDeadLetterTopic(topic + "-dlq");
        context.addService(saga);
        TlsSettings saved = TlsSettings.current();
        try {
            TlsSettings.trust(certificate);
            assertThatCode(context::start).doesNotThrowAnyException();
        } finally {
            saved.restore();
            context.stop();
        }
    }
}

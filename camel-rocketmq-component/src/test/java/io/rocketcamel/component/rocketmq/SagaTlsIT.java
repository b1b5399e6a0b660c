package io.rocketcamel.component.rocketmq;

import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * the saga service takes the name server, namespace and ACL keys from the rocketmq component, but not useTls:
 * against a cluster that accepts TLS only, a context whose component says useTls=true cannot start its saga service.
 */
class SagaTlsIT {

    @RegisterExtension
    static final TlsOnlyBroker server = new TlsOnlyBroker();

    @Test
    void theSagaServiceTalksTlsWhenTheComponentDoes() throws Exception {
        String topic = TestNames.unique("saga-tls");
        server.broker().createTopic(topic, 2);
        server.broker().createTopic(topic + "-dlq", 1);
        CamelContext context = RocketMQITSupport.newContext(server.broker());
        context.getComponent("rocketmq", RocketMQComponent.class).getConfiguration().setUseTls(true);
        RocketMQSagaService saga = new RocketMQSagaService();
        saga.setParticipant(TestNames.unique("p"));
        saga.setTopic(topic);
        saga.setDeadLetterTopic(topic + "-dlq");
        context.addService(saga);
        TlsSettings saved = TlsSettings.current();
        try {
            TlsSettings.trust(server.certificate());
            assertThatCode(context::start).doesNotThrowAnyException();
        } finally {
            saved.restore();
            context.stop();
        }
    }
}

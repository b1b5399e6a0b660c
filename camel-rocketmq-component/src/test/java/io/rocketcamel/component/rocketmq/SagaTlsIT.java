package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * The saga service takes the name server, namespace and ACL keys from the rocketmq component, but not useTls:
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
            List<String> completed = new CopyOnWriteArrayList<>();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:book").saga().completion("direct:booked").log("booking");
                    from("direct:booked").process(e -> completed.add("booked"));
                }
            });
            assertThatCode(context::start).doesNotThrowAnyException();

            // the saga's events go to the TLS-only broker and come back from it to decide the saga
            context.createProducerTemplate().sendBody("direct:book", "seat");
            await().atMost(Duration.ofSeconds(30)).until(() -> completed.size() == 1);
            assertThat(completed).containsExactly("booked");
        } finally {
            saved.restore();
            context.stop();
        }
    }
}

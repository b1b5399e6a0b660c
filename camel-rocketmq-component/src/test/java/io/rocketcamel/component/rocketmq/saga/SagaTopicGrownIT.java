package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import io.rocketcamel.component.rocketmq.SagaITSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queues added to the saga topic while sagas run: a saga's later events stay in its queue. Before, each writer hashed
 * a saga's id over the queues it had seen, so a service that saw the grown topic wrote a saga's completion to another
 * queue than its earlier events, whose reader never decided it.
 */
class SagaTopicGrownIT extends SagaITSupport {

    private static final int SAGAS = 8;

    private final Callbacks callbacks = new Callbacks();
    private final List<String> sagaIds = new CopyOnWriteArrayList<>();

    @Test
    void sagasBegunBeforeTheSagaTopicGrewCompleteInTheirQueue() throws Exception {
        String topic = sagaTopic();
        context.addService(sagaService(unique("shop"), topic));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").saga().completionMode(SagaCompletionMode.MANUAL).completion("direct:ship")
                        .process(e -> sagaIds.add(e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION,
                                String.class)));
                from("direct:ship").process(callbacks.record("ship"));
            }
        });
        for (int i = 0; i < SAGAS; i++) {
            template.sendBody("direct:order", "order " + i);
        }
        // the sagas' ids, hashed over the grown topic as an orderKey endpoint does, name other queues for most
        long moved = sagaIds.stream().filter(id -> OrderKeyQueueSelector.queueIndex(id, SAGA_QUEUES * 2)
                                                    != OrderKeyQueueSelector.queueIndex(id, SAGA_QUEUES)).count();

        broker.createTopic(topic, SAGA_QUEUES * 2);
        // a service started after the topic grew (its client sees every queue from the start) decides them
        CamelContext closer = sagaContext(sagaService(unique("closer"), topic), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:close").to("saga:complete");
            }
        });
        try {
            sagaIds.forEach(id -> closer.createProducerTemplate()
                    .sendBodyAndHeader("direct:close", null, Exchange.SAGA_LONG_RUNNING_ACTION, id));

            await().atMost(seconds(30)).until(() -> callbacks.all().size() >= SAGAS);
            await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> callbacks.all().size() == SAGAS);
            assertThat(callbacks.all().stream().map(Callbacks.Call::sagaId))
                    .containsExactlyInAnyOrderElementsOf(sagaIds);
            System.out.printf("Saga topic grown from %d to %d queues: %d sagas completed (%d of their ids hash to"
                              + " another queue over the grown topic)%n", SAGA_QUEUES, SAGA_QUEUES * 2, SAGAS, moved);
        } finally {
            closeInBackground(closer);
        }
    }
}

package io.rocketcamel.component.rocketmq.saga;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.SagaITSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message on the saga topic that is JSON but no saga event (here the JSON literal null, which anyone with write
 * access, or a mistyped rocketmq: route, can put there) is skipped, as "hello" is. It stopped its queue for good
 * (retried every second), leaving every later saga of that queue undecided; so did JSON nested so deeply that printing
 * it overflowed the stack.
 */
class SagaMalformedEventIT extends SagaITSupport {

    private final Callbacks callbacks = new Callbacks();
    private final List<String> sagaIds = new CopyOnWriteArrayList<>();

    @Test
    void aMalformedEventInTheSagaTopicIsSkippedAndLaterSagasStillComplete() throws Exception {
        String topic = sagaTopic();
        // round-robin: each queue gets both, the second JSON nested deeper than a stack prints
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        for (String malformed : List.of("null", deep)) {
            for (int queue = 0; queue < SAGA_QUEUES; queue++) {
                broker.send(topic, malformed);
            }
        }
        context.addService(sagaService(unique("poisoned"), topic));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order").saga().completion("direct:done")
                        .process(e -> sagaIds.add(e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class)));
                from("direct:done").process(callbacks.record("done"));
            }
        });

        Exchange placed = template.send("direct:order", e -> e.getMessage().setBody("x"));

        assertThat(placed.getException()).isNull();
        await().atMost(seconds(20)).until(() -> callbacks.names(sagaIds.get(0)).equals(List.of("done")));
    }
}

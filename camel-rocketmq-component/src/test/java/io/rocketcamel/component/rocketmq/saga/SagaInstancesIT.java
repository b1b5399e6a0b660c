package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.SagaITSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one service (two CamelContexts, one participant) share the saga queues: each saga's callbacks run
 * in the instance holding its queue, once. When one instance stops, the other takes its queues over, replays the
 * sagas still open there and finishes them.
 */
class SagaInstancesIT extends SagaITSupport {

    private static final int SAGAS = 20;

    private final Callbacks callbacks = new Callbacks();
    private final List<String> sagaIds = new CopyOnWriteArrayList<>();

    private RouteBuilder routes(String instance) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reserve").saga().completionMode(SagaCompletionMode.MANUAL).completion("direct:confirm")
                        .process(e -> sagaIds.add(e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class)));
                from("direct:confirm").process(callbacks.record(instance));
            }
        };
    }

    private RocketMQSagaService instance(String participant, String topic, String name) {
        RocketMQSagaService saga = sagaService(participant, topic);
        saga.setInstanceName(participant + "-" + name);
        return saga;
    }

    private void completeAll(CamelContext from, List<String> sagas) {
        sagas.forEach(id -> from.createProducerTemplate()
                .sendBodyAndHeader("saga:complete", null, Exchange.SAGA_LONG_RUNNING_ACTION, id));
    }

    private Map<String, Long> byInstance() {
        return callbacks.all().stream().collect(Collectors.groupingBy(Callbacks.Call::name, Collectors.counting()));
    }

    @Test
    void instancesShareTheSagasAndOneFinishesWhatTheOtherLeftWhenItStops() throws Exception {
        String topic = sagaTopic();
        String participant = unique("stock");
        CamelContext first = sagaContext(instance(participant, topic, "first"), routes("first"));
        CamelContext second = sagaContext(instance(participant, topic, "second"), routes("second"));
        try {
            // the second instance gets its queues in a rebalance, which may take the client's rebalance interval
            long deadline = System.currentTimeMillis() + 60_000;
            for (int round = 1; round <= 6 && byInstance().size() < 2 && System.currentTimeMillis() < deadline; round++) {
                sagaIds.clear();
                for (int i = 0; i < SAGAS; i++) {
                    first.createProducerTemplate().sendBody("direct:reserve", "item " + i);
                }
                completeAll(first, List.copyOf(sagaIds));
                int expected = round * SAGAS;
                await().atMost(seconds(30)).until(() -> callbacks.all().size() == expected);
            }
            Map<String, Long> shared = byInstance();
            assertThat(shared).as("both instances hold queues").containsOnlyKeys("first", "second");
            int sharedSagas = callbacks.all().size();

            // sagas begun while both run, then one instance stops before they complete
            sagaIds.clear();
            for (int i = 0; i < SAGAS; i++) {
                second.createProducerTemplate().sendBody("direct:reserve", "item " + i);
            }
            List<String> left = List.copyOf(sagaIds);
            second.stop();
            completeAll(first, left);

            await().atMost(seconds(60)).until(() -> callbacks.all().size() == sharedSagas + SAGAS);
            await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> callbacks.all().size() == sharedSagas + SAGAS);
            assertThat(callbacks.all().stream().map(Callbacks.Call::sagaId).distinct()).hasSize(sharedSagas + SAGAS);
            assertThat(left.stream().map(id -> callbacks.names(id))).allMatch(names -> names.equals(List.of("first")));
            System.out.printf("Saga instances: %s confirmed by each while both ran; %d of the second set by the first"
                              + " after the second stopped%n", shared,
                    left.stream().map(callbacks::names).filter(List.of("first")::equals).count());
        } finally {
            closeInBackground(first);
            closeInBackground(second);
        }
    }
}

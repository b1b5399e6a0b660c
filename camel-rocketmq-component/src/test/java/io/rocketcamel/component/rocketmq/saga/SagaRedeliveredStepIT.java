package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.SagaITSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A step's message delivered again after its saga was decided, to an instance of the step's service that had not read
 * the decision (the saga's queue is another instance's): its second run joins the saga again, late. That join repeats
 * a step that joined in time, so it takes the saga's decision as that step did: a completed saga's step is completed
 * again, not compensated (which undid the first run's work: a refund of a captured payment), and a compensated saga's
 * step is compensated again (the second run redid what the compensation undid).
 */
class SagaRedeliveredStepIT extends SagaITSupport {

    private final Callbacks callbacks = new Callbacks();
    private final Map<String, String> sagaOfOrder = new ConcurrentHashMap<>();
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    private record Run(String order, String messageId, int reconsumeTimes) {
    }

    /**
     * The routes every instance of the payment service has: the payment step (started in one instance only), its
     * callbacks and a saga of its own that tells which instance reads the saga queue.
     */
    private RouteBuilder paymentService(String instance, String orders, String group) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + orders + "?consumerGroup=" + group + "&retryDelayLevel=1&maxReconsumeTimes=3")
                        .routeId("pay").autoStartup(false)
                        .saga().propagation(SagaPropagation.MANDATORY)
                            .compensation("direct:refund").completion("direct:capture").option("order", header("order"))
                            .process(e -> runs.add(new Run(e.getMessage().getHeader("order", String.class),
                                    e.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class),
                                    e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class))))
                            .process(SagaRedeliveredStepIT.this::failTheFirstDeliveryOnceDecided);
                from("direct:refund").process(callbacks.record("refund@" + instance));
                from("direct:capture").process(callbacks.record("capture@" + instance));
                from("direct:probe").saga().completion("direct:probed").process(e -> { });
                from("direct:probed").process(callbacks.record("probed@" + instance));
            }
        };
    }

    /**
     * Fails the first delivery of each order once its saga was decided and a callback ran, as a crash after the step's
     * work would: the message comes back. (A failure after the join does not compensate a MANDATORY step's saga.)
     */
    private void failTheFirstDeliveryOnceDecided(Exchange exchange) {
        String order = exchange.getMessage().getHeader("order", String.class);
        if (failedOnce.add(order)) {
            String saga = exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class);
            await().atMost(seconds(30)).until(() -> !callbacks.names(saga).isEmpty());
            throw new IllegalStateException("lost before its offset was committed: " + order);
        }
    }

    @Test
    void aRedeliveredStepTakesTheDecisionOfTheStepItRepeats() throws Exception {
        String topic = topic("saga", 1);
        broker.createTopic(topic + "-dlq", 1);
        String orders = topic("saga-pay", 1);
        String participant = unique("payments");
        // one saga queue, so one instance reads every decision and runs every callback; the other runs the step
        String group = unique("pay");
        CamelContext a = sagaContext(instance(participant, topic, "a"), paymentService("a", orders, group));
        CamelContext b = sagaContext(instance(participant, topic, "b"), paymentService("b", orders, group));
        try {
            String reader = readerOfTheSagaQueue(a, b);
            CamelContext stepInstance = "a".equals(reader) ? b : a;
            String stepName = "a".equals(reader) ? "b" : "a";
            stepInstance.getRouteController().startRoute("pay");
            context.addService(sagaService(unique("shop"), topic));
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:order").saga().completionMode(SagaCompletionMode.MANUAL).timeout(Duration.ofMinutes(2))
                            .process(e -> sagaOfOrder.put(e.getMessage().getHeader("order", String.class),
                                    e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class)))
                            .to(ExchangePattern.InOnly, "rocketmq:" + orders);
                }
            });

            decide("paid", "saga:complete");
            decide("cancelled", "saga:compensate");

            String paid = sagaOfOrder.get("paid");
            String cancelled = sagaOfOrder.get("cancelled");
            await().atMost(seconds(60)).until(() -> runs.size() == 4 && callbacksOf(paid, cancelled) >= 4);
            await().during(Duration.ofSeconds(2)).atMost(seconds(5)).until(() -> callbacksOf(paid, cancelled) == 4);
            assertThat(runs).as("each order's step ran twice, the second time as the same message delivered again")
                    .extracting(Run::order, Run::reconsumeTimes)
                    .containsExactlyInAnyOrder(tuple("paid", 0), tuple("paid", 1), tuple("cancelled", 0),
                            tuple("cancelled", 1));
            assertThat(runs.stream().filter(run -> run.order().equals("paid")).map(Run::messageId).distinct())
                    .hasSize(1);
            assertThat(callbacks.names(paid))
                    .as("the completed saga's step completed for each run, its payment never refunded")
                    .containsExactly("capture@" + reader, "capture@" + reader);
            assertThat(callbacks.names(cancelled))
                    .as("the compensated saga's step compensated for each run")
                    .containsExactly("refund@" + reader, "refund@" + reader);
            System.out.printf("Redelivered saga steps: joined in instance %s, callbacks in %s: %s%n", stepName, reader,
                    callbacks.all().stream().filter(call -> !call.name().startsWith("probed")).map(Callbacks.Call::name)
                            .toList());
        } finally {
            closeInBackground(a);
            closeInBackground(b);
        }
    }

    private int callbacksOf(String... sagas) {
        return Arrays.stream(sagas).mapToInt(saga -> callbacks.names(saga).size()).sum();
    }

    private static RocketMQSagaService instance(String participant, String topic, String name) {
        RocketMQSagaService saga = sagaService(participant, topic);
        saga.setInstanceName(participant + "-" + name);
        return saga;
    }

    /** Begins the order's saga, waits for its step's first run, then decides the saga with {@code decision}. */
    private void decide(String order, String decision) {
        template.sendBodyAndHeader("direct:order", "order " + order, "order", order);
        await().atMost(seconds(30)).until(() -> runs.stream().anyMatch(run -> run.order().equals(order)));
        template.sendBodyAndHeader(decision, null, Exchange.SAGA_LONG_RUNNING_ACTION, sagaOfOrder.get(order));
    }

    /**
     * Which instance reads the saga queue: the one whose callbacks run, asked of sagas begun in both instances until
     * both answers agree (the second instance's start may move the queue once).
     */
    private String readerOfTheSagaQueue(CamelContext a, CamelContext b) {
        for (int round = 1; round <= 10; round++) {
            int before = callbacks.all().size();
            a.createProducerTemplate().sendBody("direct:probe", "probe");
            b.createProducerTemplate().sendBody("direct:probe", "probe");
            await().atMost(seconds(30)).until(() -> callbacks.all().size() == before + 2);
            List<String> readers = callbacks.all().subList(before, before + 2).stream()
                    .map(call -> call.name().substring(call.name().indexOf('@') + 1)).distinct().toList();
            if (readers.size() == 1) {
                return readers.get(0);
            }
        }
        throw new AssertionError("the saga queue moved between the instances for 10 rounds: " + callbacks.all());
    }
}

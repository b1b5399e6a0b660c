package io.rocketcamel.component.rocketmq.saga;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.rocketcamel.component.rocketmq.SagaITSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two services, each a CamelContext with its own saga service (participant): the shop starts the saga and sends the
 * order over RocketMQ, the payment service joins it from the message's Long-Running-Action property, then completes
 * it or, when the payment fails, compensates it: the steps of both services get their callbacks.
 */
class SagaAcrossContextsIT extends SagaITSupport {

    private final Callbacks callbacks = new Callbacks();
    private final Map<String, String> sagaOfItem = new ConcurrentHashMap<>();

    @Test
    void aStepFailingInAnotherContextCompensatesTheStepsOfBothAndASuccessCompletesThem() throws Exception {
        String topic = sagaTopic();
        String orders = topic("saga-orders", 2);
        context.addService(sagaService(unique("shop"), topic));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:buy").saga().completionMode(SagaCompletionMode.MANUAL).timeout(Duration.ofMinutes(2))
                        .compensation("direct:cancel-order").completion("direct:order-done").option("item", header("item"))
                        .process(e -> sagaOfItem.put(e.getMessage().getHeader("item", String.class),
                                e.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class)))
                        .to(ExchangePattern.InOnly, "rocketmq:" + orders);
                from("direct:cancel-order").process(callbacks.record("cancel-order"));
                from("direct:order-done").process(callbacks.record("order-done"));
            }
        });
        CamelContext payments = sagaContext(sagaService(unique("payments"), topic), new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + orders + "?consumerGroup=" + unique("payments"))
                        .onException(IllegalStateException.class).handled(true).to("saga:compensate").end()
                        .saga().propagation(SagaPropagation.MANDATORY)
                            .compensation("direct:refund").completion("direct:capture").option("amount", header("amount"))
                        .process(e -> {
                            if ("broken-vase".equals(e.getMessage().getHeader("item"))) {
                                throw new IllegalStateException("card declined");
                            }
                        })
                        .to("saga:complete");
                from("direct:refund").process(callbacks.record("refund"));
                from("direct:capture").process(callbacks.record("capture"));
            }
        });
        try {
            template.sendBodyAndHeaders("direct:buy", "order of a vase", Map.of("item", "broken-vase", "amount", "12.50"));
            template.sendBodyAndHeaders("direct:buy", "order of a teapot", Map.of("item", "teapot", "amount", "30.00"));

            String failed = sagaOfItem.get("broken-vase");
            String completed = sagaOfItem.get("teapot");
            await().atMost(seconds(30)).until(() -> callbacks.all().size() == 4);
            await().during(Duration.ofSeconds(1)).atMost(seconds(3)).until(() -> callbacks.all().size() == 4);
            assertThat(callbacks.names(failed)).containsExactlyInAnyOrder("refund", "cancel-order");
            assertThat(callbacks.names(completed)).containsExactlyInAnyOrder("capture", "order-done");
            assertThat(callbacks.of("refund").get(0).headers()).containsEntry("amount", "12.50");
            assertThat(callbacks.of("cancel-order").get(0).headers()).containsEntry("item", "broken-vase");

            // the saga id crossed as a property of the order message
            List<String> carried = broker.messages(orders).stream()
                    .map(message -> message.getUserProperty(Exchange.SAGA_LONG_RUNNING_ACTION)).toList();
            assertThat(carried).containsExactlyInAnyOrder(failed, completed);
        } finally {
            closeInBackground(payments);
        }
    }
}

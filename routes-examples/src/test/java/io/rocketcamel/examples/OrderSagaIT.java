package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.saga.OrderRepository;
import io.rocketcamel.examples.saga.OrderSagaDemo;
import io.rocketcamel.examples.saga.OrderEvent;
import io.rocketcamel.examples.saga.OrderSagaRoutes;
import io.rocketcamel.examples.saga.PaymentGateway;
import io.rocketcamel.testsupport.CapturedLogs;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderSagaIT extends ExamplesITSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int STOCK = 10;

    @Autowired
    OrderSagaDemo demo;
    @Autowired
    OrderRepository orders;
    @Autowired
    ProducerTemplate producer;

    private OrderEvent newOrder(String card, String type) {
        String id = "saga-it-" + UUID.randomUUID().toString().substring(0, 8);
        orders.stock(id + "-s", STOCK);
        return new OrderEvent(type, id, id + "-s", 2, new BigDecimal("12.34"), card, null);
    }

    @Test
    void thousandOrdersEndShippedOrCancelledWithConsistentStockAndOrderedEvents() {
        try (CapturedLogs logs = new CapturedLogs()) {
            assertPassed(demo.run(new DemoConsole("order-saga"), 1000));
            // expected failures are one line each, naming the order and the reason; no stack trace
            assertThat(logs.warnings()).allSatisfy(event -> assertThat(event.getThrowableProxy())
                    .as(event.getFormattedMessage()).isNull());
            assertThat(logs.warnings()).extracting(event -> event.getFormattedMessage())
                    .anyMatch(line -> line.matches("Order \\S+-order-\\d+ rolled back: local transaction failed \\(injected\\)"))
                    .anyMatch(line -> line.matches("Order \\S+-order-\\d+ cancelled: payment_declined"));
        }
        assertThat(WireMockServices.server().getAllServeEvents())
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"SLOW\""))
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"DECLINE\""));
    }

    @Test
    void aPaymentThatTimedOutIsVoidedAtTheGateway() {
        // the gateway approves card SLOW after the client gave up: the charge may stand, so the cancellation voids it
        OrderEvent order = newOrder("SLOW", "order_created");
        producer.sendBody(OrderSagaRoutes.PLACE_ORDER, order);
        await().atMost(DEADLINE).until(() -> orders.status(order.orderId()).equals(Optional.of("CANCELLED")));

        assertThat(WireMockServices.voids(order.orderId())).as("voids at the gateway").isEqualTo(1);
        // WireMock lists the slow charge once it answered it
        await().atMost(DEADLINE).until(() -> WireMockServices.charges(order.orderId()) == 1);
        assertThat(orders.available(order.sku())).isEqualTo(STOCK);
    }

    @Test
    void aVoidTheGatewayDidNotConfirmIsTriedAgainWithOneWarningLine() {
        OrderEvent order = newOrder("SLOW", "order_created");
        WireMockServices.refuseFirstVoid(order.orderId());
        try (CapturedLogs logs = new CapturedLogs()) {
            producer.sendBody(OrderSagaRoutes.PLACE_ORDER, order);
            await().atMost(DEADLINE).until(() -> orders.status(order.orderId()).equals(Optional.of("CANCELLED")));

            assertThat(WireMockServices.voids(order.orderId())).as("voids at the gateway").isEqualTo(2);
            List<ILoggingEvent> aboutTheOrder = logs.warnings().stream()
                    .filter(event -> event.getFormattedMessage().contains(order.orderId())).toList();
            assertThat(aboutTheOrder).as("a failure the step retries is a warning of one line")
                    .anySatisfy(event -> assertThat(event.getFormattedMessage())
                            .contains("answered 503 to the void of order " + order.orderId()))
                    .allSatisfy(event -> {
                        assertThat(event.getLevel()).as(event.getFormattedMessage()).isEqualTo(Level.WARN);
                        assertThat(event.getThrowableProxy()).as(event.getFormattedMessage()).isNull();
                    });
        }
    }

    /**
     * The inventory step read an unknown order's reservation with a query that throws on no row, and its ORDERLY
     * consumer retries without limit: the event blocked its queue, and every later order on it, for good.
     */
    @Test
    void theInventoryServiceCancelsAnOrderItDoesNotKnowAndTheQueueMovesOn(@Autowired EmbeddedRocketMQBroker broker) {
        OrderEvent unknown = cancelledAsUnknown(OrderEvent.CREATED);

        // an order placed after it on the same ORDERLY queue reaches an end (its payment may time out in a cold JVM)
        int queues = broker.getBrokerController(broker.getBrokerNames().get(0)).getTopicConfigManager()
                .selectTopicConfig(OrderSagaRoutes.TOPIC).getWriteQueueNums();
        int queue = OrderKeyQueueSelector.queueIndex(unknown.orderId(), queues);
        OrderEvent next = Stream.generate(() -> newOrder("VISA", OrderEvent.CREATED)).limit(1000)
                .filter(order -> OrderKeyQueueSelector.queueIndex(order.orderId(), queues) == queue)
                .findFirst().orElseThrow();
        producer.sendBody(OrderSagaRoutes.PLACE_ORDER, next);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(orders.status(next.orderId()))
                .as("order %s", next.orderId())
                .hasValueSatisfying(status -> assertThat(status).isIn("SHIPPED", "CANCELLED")));
    }

    /** Publishes an event of an order that was never placed; the step it reaches answers with a cancellation. */
    private OrderEvent cancelledAsUnknown(String eventType) {
        OrderEvent unknown = newOrder("VISA", eventType);
        producer.sendBody("direct:publish-order-event", unknown);
        await().atMost(DEADLINE).until(() -> orders.histories(unknown.orderId()).getOrDefault(unknown.orderId(), List.of()).size() >= 2);

        assertThat(orders.histories(unknown.orderId()).get(unknown.orderId())).containsExactly(eventType, OrderEvent.CANCELLED);
        assertThat(orders.status(unknown.orderId())).isEmpty();
        return unknown;
    }

    /**
     * The local transaction's route inherited the routes' handling of events that do not parse: a placement whose
     * JSON did not bind to an order was dead-lettered, the local transaction counted as done, and the order's
     * order_created event was committed with no order behind it.
     */
    @Test
    void aPlacementThatIsNoOrderRollsBackAndPublishesNothing() {
        String id = "saga-it-bad-" + UUID.randomUUID().toString().substring(0, 8);
        NotAnOrder notAnOrder = new NotAnOrder(OrderEvent.CREATED, id, "not a number");

        assertThatThrownBy(() -> producer.sendBody(OrderSagaRoutes.PLACE_ORDER, notAnOrder))
                .hasStackTraceContaining("not a number");
        assertThat(orders.status(id)).isEmpty();
        assertThat(checkBack(id, System.currentTimeMillis() - OrderRepository.LOCAL_TRANSACTION_LIMIT.toMillis() - 1_000))
                .isEqualTo("ROLLBACK");
    }

    /** What a caller's own type may put on the wire: the order's fields, but not what they hold. */
    public record NotAnOrder(String type, String orderId, String amount) {
    }

    @Test
    void thePaymentServiceChargesNoOrderItDoesNotKnow() {
        OrderEvent unknown = cancelledAsUnknown(OrderEvent.INVENTORY_DEDUCTED);
        assertThat(WireMockServices.charges(unknown.orderId())).as("charges at the gateway").isZero();
    }

    @Test
    void aStepWhoseEventTheBrokerRefusesForLongerThanSixteenTriesStillCompletesTheSaga(@Autowired EmbeddedRocketMQBroker broker,
            @Autowired PaymentGateway payments) throws Exception {
        // the JVM's first payment call (classes, connection) can take longer than the tests' 500 ms payment timeout
        payments.charge(newOrder("VISA", OrderEvent.INVENTORY_DEDUCTED));
        OrderEvent order = newOrder("VISA", OrderEvent.CREATED);
        // the payment step's event, refused as a broker in trouble would for about 20 s: past the 16 redeliveries after
        // which a consumer gives a message up to the dead-letter topic
        try (BrokerRefusals.Refusal refusal = BrokerRefusals.on(broker).refuse(20, send ->
                OrderEvent.PAYMENT_SUCCESS.equals(send.tags()) && order.orderId().equals(send.property("orderId")))) {
            producer.sendBody(OrderSagaRoutes.PLACE_ORDER, order);

            await().atMost(Duration.ofSeconds(120)).until(() -> orders.status(order.orderId()).equals(Optional.of("SHIPPED")));
            assertThat(refusal.refused()).isEqualTo(20);
            assertThat(WireMockServices.charges(order.orderId())).as("charges at the gateway").isEqualTo(1);
        }
    }

    /**
     * The broker checks back with any instance of the producer group: one that finds no order row yet may be asked
     * while another instance's local transaction still runs. Its ROLLBACK had the broker forget the half message, and
     * the order, committed a moment later, never had its order_created event if the placing instance then died.
     */
    @Test
    void theCheckBackRollsBackOnlyOrdersThatCannotStillBeCommitting() {
        long now = System.currentTimeMillis();
        assertThat(checkBack("no-such-order", now)).as("no row, half message just sent").isEqualTo("UNKNOWN");
        assertThat(checkBack("no-such-order", now - OrderRepository.LOCAL_TRANSACTION_LIMIT.toMillis() - 1_000))
                .as("no row, half message older than any local transaction runs").isEqualTo("ROLLBACK");
        OrderEvent order = newOrder("VISA", OrderEvent.CREATED);
        producer.sendBody(OrderSagaRoutes.PLACE_ORDER, order);
        assertThat(checkBack(order.orderId(), now)).as("a placed order").isEqualTo("COMMIT");
        assertThat(orders.countByStatus("no-such-order")).isEmpty();
    }

    private String checkBack(String orderId, long bornTimestamp) {
        return producer.requestBodyAndHeaders("direct:check-order", null,
                Map.of("orderId", orderId, RocketMQConstants.BORN_TIMESTAMP, bornTimestamp), String.class);
    }
}

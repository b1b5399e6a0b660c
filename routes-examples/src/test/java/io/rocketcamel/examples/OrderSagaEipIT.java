package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.demo.ScenarioResult;
import io.rocketcamel.examples.saga.EipOrders;
import io.rocketcamel.examples.saga.OrderEvent;
import io.rocketcamel.examples.saga.OrderRepository;
import io.rocketcamel.examples.saga.OrderSagaEipDemo;
import io.rocketcamel.examples.saga.OrderSagaEipRoutes;
import io.rocketcamel.examples.saga.PaymentGateway;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderSagaEipIT extends ExamplesITSupport {

    /** Longer than the saga timeout of the tests (8 s) plus a redelivery or two. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int STOCK = 10;

    @Autowired
    OrderSagaEipDemo demo;
    @Autowired
    EipOrders orders;
    @Autowired
    OrderRepository stock;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;
    @Autowired
    EmbeddedRocketMQBroker broker;
    @Autowired
    RocketMQSagaService sagas;

    @Autowired
    PaymentGateway payments;

    @BeforeEach
    void warmGateway() throws Exception {
        // the JVM's first payment call (classes, connection) can take longer than the tests' 500 ms payment timeout
        payments.charge(newOrder("VISA"));
    }

    @Test
    void thousandSagasEndShippedOrCancelledWithStockAndMoneyConsistentAndEachCallbackOnce() {
        ScenarioResult result = demo.run(new DemoConsole("order-saga-eip"), 1000);
        result.facts().forEach(fact -> System.out.println("order-saga-eip: " + fact));
        assertPassed(result);
        assertThat(WireMockServices.server().getAllServeEvents())
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"SLOW\""))
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"DECLINE\""))
                .noneSatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"LOST\""));
    }

    @Test
    void aPlacementRetriedWithTheSameOrderIdLeavesTheOrderAlone() {
        OrderEvent order = newOrder("VISA");
        place(order);
        awaitEnd(order, "SHIPPED -");

        assertThatThrownBy(() -> place(order)).isInstanceOf(CamelExecutionException.class);
        // the duplicate's saga ended: the compensation of its order step ran
        await().atMost(DEADLINE).until(() -> orders.callbackCounts(order.orderId()).containsKey("cancel-order:1"));

        assertThat(ends(order)).containsExactly(entry("SHIPPED -", 1L));
        assertThat(stock.available(order.sku())).isEqualTo(STOCK - order.quantity());
        assertThat(orders.inconsistent(order.orderId())).isZero();
    }

    /**
     * The placement's own send to inventory failed: the order waited PENDING in its saga, the caller's retry was
     * refused as "already placed", and the saga's timeout then cancelled the order. The retry now sends it on in
     * that saga.
     */
    @Test
    void aPlacementRetriedAfterItsSendToInventoryFailedGoesOnInItsSaga() {
        OrderEvent order = newOrder("VISA");
        int attempts = 1 + camel.getComponent("rocketmq", RocketMQComponent.class).getConfiguration()
                .getRetryTimesWhenSendFailed();
        try (BrokerRefusals.Refusal refusal = BrokerRefusals.on(broker).refuse(attempts, send -> send.topic()
                .equals(OrderSagaEipRoutes.INVENTORY) && order.orderId().equals(send.property("orderId")))) {
            assertThatThrownBy(() -> place(order)).isInstanceOf(CamelExecutionException.class);
            assertThat(refusal.refused()).as("sends refused").isEqualTo(attempts);
        }

        place(order);
        awaitEnd(order, "SHIPPED -");

        assertThat(stock.available(order.sku())).isEqualTo(STOCK - order.quantity());
        assertThat(WireMockServices.charges(order.orderId())).as("charges at the gateway").isEqualTo(1);
        assertThat(orders.callbackCounts(order.orderId())).containsExactly(entry("order-completed:1", 1L));
    }

    @Test
    void stepsRedeliveredAfterTheirNextSendFailedContinueWithoutDoingTheirWorkTwice() {
        OrderEvent order = newOrder("VISA");
        // every attempt the client makes, so the step's exchange fails and its message is redelivered
        int attempts = 1 + camel.getComponent("rocketmq", RocketMQComponent.class).getConfiguration()
                .getRetryTimesWhenSendFailed();
        List<BrokerRefusals.Refusal> refusals = Stream.of(OrderSagaEipRoutes.PAYMENT, OrderSagaEipRoutes.SHIPPING)
                .map(next -> BrokerRefusals.on(broker).refuse(attempts,
                        send -> send.topic().equals(next) && order.orderId().equals(send.property("orderId"))))
                .toList();
        try {
            place(order);
            awaitEnd(order, "SHIPPED -");
        } finally {
            refusals.forEach(BrokerRefusals.Refusal::close);
        }

        assertThat(refusals).extracting(BrokerRefusals.Refusal::refused).as("sends refused").containsOnly(attempts);
        assertThat(WireMockServices.charges(order.orderId())).as("charges at the gateway").isEqualTo(1);
        assertThat(stock.available(order.sku())).isEqualTo(STOCK - order.quantity());
        assertThat(orders.callbackCounts(order.orderId())).containsExactly(entry("order-completed:1", 1L));
    }

    @Test
    void aStepWhoseJoinTheBrokerRefusedIsRedeliveredNotCompensated() {
        OrderEvent order = newOrder("VISA");
        // a saga's first JOINED is the order's own, its second the inventory step's
        Set<String> joined = ConcurrentHashMap.newKeySet();
        try (BrokerRefusals.Refusal refusal = BrokerRefusals.on(broker).refuse(1, send ->
                send.topic().equals(sagas.getTopic()) && "JOINED".equals(send.tags()) && !joined.add(send.keys()))) {
            place(order);
            awaitEnd(order, "SHIPPED -");
            assertThat(refusal.refused()).as("joins refused").isEqualTo(1);
        }
        assertThat(stock.available(order.sku())).isEqualTo(STOCK - order.quantity());
        assertThat(WireMockServices.charges(order.orderId())).as("charges at the gateway").isEqualTo(1);
    }

    @Test
    void aPaymentThatTimedOutIsVoidedAtTheGateway() {
        // the gateway approves card SLOW after the client gave up: the charge may stand, so the refund voids it
        OrderEvent order = newOrder("SLOW");
        place(order);
        awaitEnd(order, "CANCELLED payment_timeout");

        assertThat(WireMockServices.voids(order.orderId())).as("voids at the gateway").isEqualTo(1);
        // WireMock lists the slow charge once it answered it
        await().atMost(DEADLINE).until(() -> WireMockServices.charges(order.orderId()) == 1);
        assertThat(stock.available(order.sku())).isEqualTo(STOCK);
    }

    private OrderEvent newOrder(String card) {
        String id = "eip-it-" + UUID.randomUUID().toString().substring(0, 8);
        stock.stock(id + "-s", STOCK);
        return new OrderEvent("order_placed", id, id + "-s", 2, new BigDecimal("12.34"), card, null);
    }

    private void place(OrderEvent order) {
        producer.sendBody(OrderSagaEipRoutes.PLACE_ORDER, order);
    }

    private void awaitEnd(OrderEvent order, String end) {
        await().atMost(DEADLINE).until(() -> orders.isFinished(order.orderId()));
        assertThat(ends(order)).containsExactly(entry(end, 1L));
    }

    private Map<String, Long> ends(OrderEvent order) {
        return orders.endsOfCard(order.orderId(), order.card());
    }
}

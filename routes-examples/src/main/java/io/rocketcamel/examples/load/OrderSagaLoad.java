package io.rocketcamel.examples.load;

import io.rocketcamel.examples.saga.OrderEvent;
import io.rocketcamel.examples.saga.OrderRepository;
import io.rocketcamel.examples.saga.OrderSagaRoutes;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The article's first scenario: orders placed through {@code direct:place-order} (a transactional, ordered send whose
 * local transaction writes the order and reserves stock), then inventory, payment (over HTTP) and shipping consuming
 * ORDERLY; an order finishes when its final event (shipped or cancelled) reaches the order history. Four orders in a
 * hundred are declined (cancelled, stock given back); stock is spread over 100 SKUs, enough for every order. Unlike
 * the demo, no order fails its local transaction on purpose: each would log its stack trace, which at this rate is
 * load of its own.
 */
@Component
public class OrderSagaLoad implements LoadScenario {

    private static final int SKUS = 100;

    private final ProducerTemplate producer;
    private final OrderRepository orders;
    /** Prefixes the order ids and SKUs of one load run: a second run in the same app must not reuse an order id. */
    private volatile String run;

    public OrderSagaLoad(ProducerTemplate producer, OrderRepository orders) {
        this.producer = producer;
        this.orders = orders;
    }

    @Override
    public String name() {
        return "order-saga";
    }

    @Override
    public double targetPerMinute() {
        return 100_000;
    }

    @Override
    public String latencyName() {
        return "order placed -> final state";
    }

    @Override
    public long latencyTargetMillis() {
        return 200;
    }

    @Override
    public List<String> consumerGroups() {
        return List.of("inventory-service", "payment-service", "shipping-service", "order-history");
    }

    @Override
    public void prepare(Tracker tracker) {
        run = "load-" + UUID.randomUUID().toString().substring(0, 8);
        for (int sku = 0; sku < SKUS; sku++) {
            orders.stock(run + "-sku-" + sku, Integer.MAX_VALUE / 2);
        }
    }

    @Override
    public void start(long n, Tracker tracker) {
        String card = n % 100 < 4 ? "DECLINE" : "VISA";
        OrderEvent order = new OrderEvent(OrderEvent.CREATED, run + "-" + n, run + "-sku-" + (n % SKUS), 1,
                BigDecimal.valueOf(1000 + n % 9000, 2), card, null);
        tracker.started(order.orderId());
        try {
            producer.sendBody(OrderSagaRoutes.PLACE_ORDER, order);
        } catch (CamelExecutionException e) {
            tracker.failedToStart(order.orderId());
            throw e;
        }
    }

    @Override
    public void completed(String routeId, Exchange exchange, Tracker tracker) {
        if ("order-history".equals(routeId) && exchange.getMessage().getBody() instanceof OrderEvent event
                && (OrderEvent.SHIPPED.equals(event.type()) || OrderEvent.CANCELLED.equals(event.type()))
                && event.orderId().startsWith(run)) {
            tracker.finished(event.orderId());
        }
    }
}

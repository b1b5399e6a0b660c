package io.rocketcamel.examples.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocketcamel.examples.saga.OrderEnds;
import io.rocketcamel.examples.saga.OrderEvent;
import io.rocketcamel.examples.saga.OrderRepository;
import io.rocketcamel.examples.saga.OrderSagaRoutes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The article's first scenario: orders placed through {@code direct:place-order} (a transactional, ordered send whose
 * local transaction writes the order and reserves stock), then inventory, payment (over HTTP) and shipping consuming
 * ORDERLY; an order finishes when its final event reaches the order history and is the one it should be: four orders
 * in a hundred carry a DECLINE card and must be cancelled as declined (stock given back), every other must ship (stock
 * is spread over 100 SKUs, enough for every order). An order cancelled because the payment client gave up on the
 * gateway's answer finishes too, counted in {@code paymentTimeouts}. An order that ends otherwise does not finish: it
 * counts as lost, and the JSON ({@code endedOtherwise}) and the note say how many and show one. Unlike
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
    private final Set<String> wrongEnds = ConcurrentHashMap.newKeySet();
    private final Set<String> timedOut = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> firstWrongEnd = new AtomicReference<>();

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
        wrongEnds.clear();
        timedOut.clear();
        firstWrongEnd.set(null);
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
            // stock is there for every order
            String expected = OrderEnds.expected(event.card(), true).get(0);
            String ended = OrderEnds.of(event);
            if (ended.equals(expected)) {
                tracker.finished(event.orderId());
            } else if (ended.equals(OrderEnds.TIMED_OUT)) {
                // the gateway answered later than the client waits: handled (voided, cancelled), counted apart
                timedOut.add(event.orderId());
                tracker.finished(event.orderId());
            } else if (wrongEnds.add(event.orderId())) {
                firstWrongEnd.compareAndSet(null, String.format("%s (card %s) ended %s, not %s", event.orderId(), event.card(),
                        ended, expected));
            }
        }
    }

    /**
     * Orders whose final event was not the one their card says ({@code endedOtherwise}: not finished, so they count as
     * lost), and orders cancelled because the payment timed out ({@code paymentTimeouts}: finished).
     */
    @Override
    public void putInto(ObjectNode result) {
        result.put("endedOtherwise", wrongEnds.size());
        result.put("paymentTimeouts", timedOut.size());
    }

    @Override
    public String note() {
        String timeouts = timedOut.isEmpty() ? null
                : String.format("%d orders cancelled because the payment timed out (finished)", timedOut.size());
        if (wrongEnds.isEmpty()) {
            return timeouts;
        }
        return String.format("%d orders ended otherwise than their card says (not counted as finished, so lost), e.g. %s",
                wrongEnds.size(), firstWrongEnd.get()) + (timeouts == null ? "" : "; " + timeouts);
    }
}

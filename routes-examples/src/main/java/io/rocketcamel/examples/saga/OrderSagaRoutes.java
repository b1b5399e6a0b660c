package io.rocketcamel.examples.saga;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.deadletter.JsonEventRoutes;
import io.rocketcamel.examples.deadletter.UnknownEventException;
import io.rocketcamel.examples.demo.ExpectedFailure;
import org.apache.camel.ExchangePattern;
import org.apache.camel.LoggingLevel;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * The article's scenario 1 and combination 1, ordered + transactional: placing an order sends {@code order_created} as a
 * transactional half message; the local transaction writes the order and reserves its stock in H2; only if it commits
 * do consumers see the event. Inventory, payment and shipping consume ORDERLY, each answering with the next event on
 * the same topic and order key, or with {@code order_cancelled} and a compensation. The broker's check-back looks the
 * order up: there means committed.
 */
@Component
public class OrderSagaRoutes extends JsonEventRoutes {

    public static final String PLACE_ORDER = "direct:place-order";
    /** The saga's log of expected outcomes: rolled back and cancelled orders, one line each. */
    static final String LOG = "order-saga";
    public static final String TOPIC = "order-events";
    private static final String PUBLISH = "direct:publish-order-event";
    /**
     * A step answers a business failure with an event, so an exchange fails only when the database or the broker did:
     * its queue retries the event until they are back, never giving it up to the dead-letter topic after the default
     * 16 tries (the order would wait there, its stock reserved, and the events behind it would overtake it).
     */
    private static final String UNTIL_DONE = "&maxReconsumeTimes=" + Integer.MAX_VALUE;

    private final OrderRepository orders;
    private final OrderSteps steps;

    public OrderSagaRoutes(OrderRepository orders, OrderSteps steps) {
        this.orders = orders;
        this.steps = steps;
    }

    @Override
    protected void routes() {
        // the order is rolled back (the exchange still fails, so the half message is too): one line, no stack trace
        onException(ExpectedFailure.class).logExhausted(false)
                .log(LoggingLevel.WARN, LOG, "Order ${header.orderId} rolled back: ${exception.message}");
        // the step failed and its ORDERLY consumer redelivers it: a warning of one line, not an error with a stack trace
        onException(TransientFailureException.class).logExhausted(false)
                .log(LoggingLevel.WARN, LOG, "${exception.message}: the step is tried again");

        from(PLACE_ORDER).routeId("place-order")
                .setHeader("orderId", simple("${body.orderId}"))
                .setHeader(RocketMQConstants.TAGS, constant(OrderEvent.CREATED))
                .marshal().json(JsonLibrary.Jackson)
                .to(ExchangePattern.InOnly, "rocketmq:" + TOPIC + "?producerGroup=order-service&transactional=true"
                        + "&orderKey=${header.orderId}&localTransaction=direct:create-order&transactionChecker=direct:check-order");

        from("direct:create-order").routeId("create-order")
                // a local transaction that fails must fail, so its half message rolls back: the dead-lettering of events
                // that do not parse, meant for consumers, had it count as done and commit an event with no order
                .onException(JsonProcessingException.class, UnknownEventException.class).handled(false).end()
                .unmarshal().json(JsonLibrary.Jackson, OrderEvent.class)
                .bean(orders, "create");

        from("direct:check-order").routeId("check-order")
                .setBody(method(orders, "transactionState(${header.orderId}, ${header." + RocketMQConstants.BORN_TIMESTAMP + "})"));

        consume("inventory-service", OrderEvent.CREATED, "inventory");
        consume("payment-service", OrderEvent.INVENTORY_DEDUCTED, "payment");
        consume("shipping-service", OrderEvent.PAYMENT_SUCCESS, "shipping");

        from("rocketmq:" + TOPIC + "?consumerGroup=order-history&consumeMode=ORDERLY&consumeFromWhere=FIRST_OFFSET"
             + UNTIL_DONE)
                .routeId("order-history")
                .unmarshal().json(JsonLibrary.Jackson, OrderEvent.class)
                .bean(orders, "recordHistory");

        from(PUBLISH).routeId("publish-order-event")
                .setHeader(RocketMQConstants.TAGS, simple("${body.type}"))
                .setHeader("orderId", simple("${body.orderId}"))
                .marshal().json(JsonLibrary.Jackson)
                .to(ExchangePattern.InOnly, "rocketmq:" + TOPIC + "?orderKey=${header.orderId}");
    }

    /** An ORDERLY service on one event type: a failure suspends the order's queue and retries, never reorders. */
    private void consume(String service, String eventType, String step) {
        from("rocketmq:" + TOPIC + "?consumerGroup=" + service + "&consumeMode=ORDERLY&tags=" + eventType
                + "&consumeFromWhere=FIRST_OFFSET" + UNTIL_DONE)
                .routeId(service)
                .unmarshal().json(JsonLibrary.Jackson, OrderEvent.class)
                .bean(steps, step)
                .filter(body().isNotNull())
                .to(PUBLISH);
    }
}

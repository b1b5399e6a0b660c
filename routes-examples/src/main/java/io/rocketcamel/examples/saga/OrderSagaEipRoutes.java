package io.rocketcamel.examples.saga;

import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import io.rocketcamel.component.rocketmq.saga.SagaDecidedException;
import io.rocketcamel.examples.deadletter.JsonEventRoutes;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The order saga written with Camel's Saga EIP on the RocketMQ saga service: placing an order starts a saga (MANUAL
 * completion, a timeout); inventory, payment and shipping are services on their own topics that join it from the
 * message's {@code Long-Running-Action} property, each with its compensation. A step that fails compensates the saga,
 * shipping completes it, and a saga nobody finishes (card {@code LOST}: the payment service drops the order) is
 * compensated by its timeout. Compensations run the last joined first; the order's own runs last and cancels it.
 * <p>
 * Camel's {@code saga()} wraps its whole route and evaluates the options when the step joins, before the route's
 * first processor: the services read them from headers (message properties), not from the body.
 */
@Component
public class OrderSagaEipRoutes extends JsonEventRoutes {

    public static final String PLACE_ORDER = "direct:eip-place-order";
    public static final String INVENTORY = "eip-inventory";
    public static final String PAYMENT = "eip-payment";
    public static final String SHIPPING = "eip-shipping";
    /** The card whose order the payment service never answers. */
    static final String LOST_CARD = "LOST";

    private static final String SAGA_ID = "${header." + Exchange.SAGA_LONG_RUNNING_ACTION + "}";
    private static final String OPEN_SAGA = "openPlacementSaga";
    private static final String ATTEMPT = "${header." + RocketMQSagaService.ATTEMPT_HEADER + "}";

    private final EipOrders orders;
    private final PaymentGateway payments;
    private final Duration timeout;

    public OrderSagaEipRoutes(EipOrders orders, PaymentGateway payments,
            @Value("${rocketcamel.demo.saga-eip.timeout:10s}") Duration timeout) {
        this.orders = orders;
        this.payments = payments;
        this.timeout = timeout;
    }

    @Override
    protected void routes() {
        from(PLACE_ORDER).routeId("eip-place-order")
                .setProperty(OPEN_SAGA, method(orders, "openPlacement"))
                .choice()
                    // A caller's retry of a placement whose send to inventory failed: the order waits PENDING in its
                    // saga, which would cancel it at its timeout while the retry was refused as "already placed". It
                    // is sent on in that saga (a duplicate, if the first send was stored after all, finds its step done).
                    .when(exchangeProperty(OPEN_SAGA).isNotNull())
                        .setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, exchangeProperty(OPEN_SAGA))
                        .to(ExchangePattern.InOnly, "direct:eip-send-to-" + INVENTORY)
                    .otherwise()
                        .to("direct:eip-new-placement");

        from("direct:eip-new-placement").routeId("eip-new-placement")
                // a retried placement's saga ends now, not at its timeout; the caller still gets the refusal
                .onException(OrderAlreadyPlacedException.class).to("saga:compensate").end()
                .saga().completionMode(SagaCompletionMode.MANUAL).timeout(timeout)
                    .compensation("direct:eip-cancel-order").completion("direct:eip-order-completed")
                    .option("orderId", simple("${body.orderId}"))
                .bean(orders, "place(${body}, " + SAGA_ID + ")")
                .to(ExchangePattern.InOnly, "direct:eip-send-to-" + INVENTORY);

        participant(INVENTORY)
                .unmarshal().json(JsonLibrary.Jackson, OrderEvent.class)
                .saga().propagation(SagaPropagation.MANDATORY)
                    .compensation("direct:eip-release-stock")
                    .option("orderId", header("orderId")).option("card", header("card"))
                .bean(orders, "reserve")
                .to("direct:eip-send-to-" + PAYMENT);

        participant(PAYMENT)
                .unmarshal().json(JsonLibrary.Jackson, OrderEvent.class)
                .filter(simple("${body.card} == '" + LOST_CARD + "'")).stop().end()
                .saga().propagation(SagaPropagation.MANDATORY)
                    .compensation("direct:eip-refund").option("orderId", header("orderId"))
                .process(exchange -> {
                    OrderEvent order = exchange.getMessage().getBody(OrderEvent.class);
                    if (orders.reached(order.orderId(), "PAID")) {
                        return; // redelivered after its send to shipping failed: charged already, not again
                    }
                    String failure = payments.charge(order);
                    if (failure != null) {
                        throw new StepFailedException(failure);
                    }
                    orders.paid(order);
                })
                .to("direct:eip-send-to-" + SHIPPING);

        participant(SHIPPING)
                .unmarshal().json(JsonLibrary.Jackson, OrderEvent.class)
                .saga().propagation(SagaPropagation.MANDATORY)
                    .compensation("direct:eip-recall-parcel").option("orderId", header("orderId"))
                .bean(orders, "dispatch(${body.orderId})")
                .to("saga:complete");

        for (String topic : new String[] {INVENTORY, PAYMENT, SHIPPING}) {
            from("direct:eip-send-to-" + topic).routeId("eip-send-to-" + topic)
                    .setHeader("orderId", simple("${body.orderId}"))
                    .setHeader("card", simple("${body.card}"))
                    .marshal().json(JsonLibrary.Jackson)
                    .to(ExchangePattern.InOnly, "rocketmq:" + topic);
        }

        callback("direct:eip-order-completed", "completed");
        callback("direct:eip-recall-parcel", "recall");
        from("direct:eip-refund").routeId("eip-refund")
                // the saga service reports and retries a void the gateway did not confirm
                .errorHandler(noErrorHandler())
                // a payment that timed out on our side may have been approved at the gateway all the same
                .process(exchange -> payments.voidPayment(exchange.getMessage().getHeader("orderId", String.class)))
                .bean(orders, "refund(${header.orderId}, " + SAGA_ID + ", " + ATTEMPT + ")");
        // the stock service fails a declined order's first release, to show a compensation retried
        from("direct:eip-release-stock").routeId("eip-release-stock")
                // the saga service reports and retries the failure; Camel's error handler would log it again
                .errorHandler(noErrorHandler())
                .filter(simple("${header.card} == 'DECLINE' && " + ATTEMPT + " == 1"))
                    .throwException(new TransientFailureException("stock service busy (injected)")).end()
                .bean(orders, "release(${header.orderId}, " + SAGA_ID + ", " + ATTEMPT + ")");
        callback("direct:eip-cancel-order", "cancel");
    }

    /**
     * A service's route: a step that cannot do its part, or that arrives once the saga was decided (the saga service
     * refuses it to join), compensates the saga. Any other failure, a saga write the broker did not take included,
     * fails the exchange: the message is redelivered and the step tried again.
     */
    private RouteDefinition participant(String topic) {
        RouteDefinition route = from("rocketmq:" + topic + "?consumerGroup=" + topic + "-service").routeId(topic);
        route.onException(StepFailedException.class, SagaDecidedException.class).handled(true)
                .log("order ${header.orderId}: ${exception.message}")
                .bean(orders, "failed(${header.orderId}, ${exception.message})")
                .to("saga:compensate")
                .end();
        return route;
    }

    private void callback(String endpoint, String method) {
        from(endpoint).routeId(endpoint.substring("direct:".length()))
                .bean(orders, method + "(${header.orderId}, " + SAGA_ID + ", " + ATTEMPT + ")");
    }
}

package io.rocketcamel.examples.saga;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What each service does with the event it consumes, and the event it answers with. */
@Component
public class OrderSteps {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSagaRoutes.LOG);

    private final OrderRepository orders;
    private final PaymentGateway payments;

    public OrderSteps(OrderRepository orders, PaymentGateway payments) {
        this.orders = orders;
        this.payments = payments;
    }

    /**
     * Inventory: the stock reserved in the local transaction is deducted, or the order is cancelled for lack of it. An
     * order we do not know is cancelled: failing would retry it without end and hold up its queue.
     */
    public OrderEvent inventory(OrderEvent created) {
        if (orders.status(created.orderId()).isEmpty()) {
            LOG.warn("Order {} cancelled: unknown_order", created.orderId());
            return created.next(OrderEvent.CANCELLED, "unknown_order");
        }
        if (orders.isReserved(created.orderId())) {
            return created.next(OrderEvent.INVENTORY_DEDUCTED, null);
        }
        if (orders.transition(created.orderId(), "CREATED", "CANCELLED", "insufficient_inventory")) {
            LOG.warn("Order {} cancelled: insufficient_inventory", created.orderId());
        }
        return created.next(OrderEvent.CANCELLED, "insufficient_inventory");
    }

    /**
     * Payment: charge the card; a decline or a timeout cancels the order and gives the stock back, after a charge that
     * was not declined (it may have gone through) is voided at the gateway. An order we do not know is cancelled, not charged.
     */
    public OrderEvent payment(OrderEvent deducted) throws Exception {
        Optional<String> status = orders.status(deducted.orderId());
        if (status.isEmpty()) {
            // only a committed order's events reach us: one without a row is no order of ours, and is not charged
            LOG.warn("Order {} cancelled: unknown_order", deducted.orderId());
            return deducted.next(OrderEvent.CANCELLED, "unknown_order");
        }
        // A redelivered event (the answer may not have been published) answers again from the stored outcome.
        switch (status.get()) {
            case "PAID", "SHIPPED" -> {
                return deducted.next(OrderEvent.PAYMENT_SUCCESS, null);
            }
            case "CANCELLED" -> {
                return deducted.next(OrderEvent.CANCELLED, "payment_failed");
            }
            default -> {
                // not charged yet
            }
        }
        String failure = payments.charge(deducted);
        if (failure == null) {
            orders.transition(deducted.orderId(), "CREATED", "PAID", null);
            return deducted.next(OrderEvent.PAYMENT_SUCCESS, null);
        }
        if (!PaymentGateway.DECLINED.equals(failure)) {
            // a charge that failed on our side (a timeout) may still go through at the gateway: voided before we cancel
            payments.voidPayment(deducted.orderId());
        }
        if (orders.cancelAndRelease(deducted.orderId(), failure)) {
            LOG.warn("Order {} cancelled: {}", deducted.orderId(), failure);
        }
        return deducted.next(OrderEvent.CANCELLED, failure);
    }

    /** Shipping: a paid order ships. */
    public OrderEvent shipping(OrderEvent paid) {
        orders.transition(paid.orderId(), "PAID", "SHIPPED", null);
        return paid.next(OrderEvent.SHIPPED, null);
    }
}

package io.rocketcamel.examples.saga;

import java.math.BigDecimal;

/**
 * One step of an order's saga, published on {@code order-events} with its type as tag and the order id as order key,
 * so all events of one order are in one queue, in order.
 */
public record OrderEvent(String type, String orderId, String sku, int quantity, BigDecimal amount, String card, String reason) {

    public static final String CREATED = "order_created";
    public static final String INVENTORY_DEDUCTED = "inventory_deducted";
    public static final String PAYMENT_SUCCESS = "payment_success";
    public static final String SHIPPED = "order_shipped";
    public static final String CANCELLED = "order_cancelled";

    public OrderEvent next(String nextType, String nextReason) {
        return new OrderEvent(nextType, orderId, sku, quantity, amount, card, nextReason);
    }
}

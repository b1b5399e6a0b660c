package io.rocketcamel.examples.saga;

import java.util.List;

/**
 * Where a saga's order should end, as {@code SHIPPED} or {@code CANCELLED <reason>}, by its card and whether its
 * stock was reserved: what the demo's check and the load mode's accounting judge an order's end by.
 */
public final class OrderEnds {

    public static final String SHIPPED = "SHIPPED";
    /** The payment client gave up on the gateway's answer (it waits 1 s): voided and cancelled. */
    public static final String TIMED_OUT = "CANCELLED payment_timeout";

    private OrderEnds() {
    }

    /**
     * The ends an order may have, the one it should first: without its stock reserved it is cancelled for lack of
     * stock; with it, a DECLINE card is declined, a SLOW one is given up on (it answers after 3 s) or ships when the
     * client waits longer, and any other card ships, or is given up on when the gateway answered late (a loaded
     * machine).
     */
    public static List<String> expected(String card, boolean reserved) {
        if (!reserved) {
            return List.of("CANCELLED insufficient_inventory");
        }
        return switch (card) {
            case "DECLINE" -> List.of("CANCELLED " + PaymentGateway.DECLINED);
            case "SLOW" -> List.of(TIMED_OUT, SHIPPED);
            default -> List.of(SHIPPED, TIMED_OUT);
        };
    }

    /** The end an order's final event (shipped or cancelled) records. */
    public static String of(OrderEvent event) {
        return OrderEvent.SHIPPED.equals(event.type()) ? SHIPPED : "CANCELLED " + event.reason();
    }

    /** The end an order's row records. */
    public static String of(OrderRepository.EndState end) {
        return end.status().equals("CANCELLED") ? "CANCELLED " + end.reason() : end.status();
    }
}

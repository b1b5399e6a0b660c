package io.rocketcamel.examples.saga;

/** A placement whose order id exists: a caller's retry, refused without touching the order placed first. */
public class OrderAlreadyPlacedException extends RuntimeException {

    public OrderAlreadyPlacedException(String orderId) {
        super("order " + orderId + " was already placed");
    }
}

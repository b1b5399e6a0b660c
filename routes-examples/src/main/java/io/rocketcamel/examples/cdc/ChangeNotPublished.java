package io.rocketcamel.examples.cdc;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

/**
 * The capture route's exception handler: hands the failure back to Debezium. Camel's Debezium consumer reports a
 * failed exchange to its exception handler and then returns normally, and Debezium takes a normal return as "change
 * delivered" and moves its offset past it: a change whose send was cut short (the route stopping in the middle of
 * it) would be lost. Thrown from here, the failure reaches Debezium's engine instead, which stops without marking
 * the change, so the next start reads it again.
 */
public class ChangeNotPublished implements ExceptionHandler {

    @Override
    public void handleException(Throwable exception) {
        handleException("Change not published", null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        throw new IllegalStateException(message + ": the change was not published to " + ChangeCaptureRoute.TOPIC
                + "; Debezium stops before its offset passes it", exception);
    }
}

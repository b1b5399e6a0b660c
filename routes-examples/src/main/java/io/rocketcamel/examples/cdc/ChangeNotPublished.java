package io.rocketcamel.examples.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture route's exception handler: hands the failure back to Debezium. Camel's Debezium consumer reports a
 * failed exchange to its exception handler and then returns normally, and Debezium takes a normal return as "change
 * delivered" and moves its offset past it: a change whose send was cut short (the route stopping in the middle of
 * it) would be lost. Thrown from here, the failure reaches Debezium's engine instead, which stops without marking
 * the change, so the next start reads it again.
 * <p>
 * A change refused for what it is (larger than the producer's maxMessageSize, a body that cannot be written) would
 * fail every retry alike. The route does not retry it; this handler logs one ERROR naming the change and the cause,
 * and stops the route, which marks it failed (its health check DOWN). Nothing behind the change is published ahead
 * of it, and once the cause is fixed, starting the route publishes it.
 */
public class ChangeNotPublished implements ExceptionHandler {

    /** What the producer or the route's JSON writing throws for the change itself, never for the broker or network. */
    static final List<Class<? extends Throwable>> REFUSED_AS_IT_IS =
            List.of(UnsendableMessageException.class, JsonProcessingException.class);

    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotPublished.class);

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
        Throwable refused = exchange == null ? null : refusedAsItIs(exception);
        if (refused != null) {
            stopCapture(exchange, refused, exception);
        }
        throw new IllegalStateException(message + ": the change was not published to " + ChangeCaptureRoute.TOPIC
                + "; Debezium stops before its offset passes it", exception);
    }

    private static Throwable refusedAsItIs(Throwable exception) {
        return REFUSED_AS_IT_IS.stream().map(type -> ObjectHelper.getException(type, exception))
                .filter(cause -> cause != null).findFirst().orElse(null);
    }

    private static void stopCapture(Exchange exchange, Throwable refused, Throwable exception) {
        Object change = exchange.getMessage().getBody();
        LOG.error("Change {} cannot be published to {}: {}. Route {} stopped at it, Debezium's offset before it: fix the"
                        + " cause and start the route (or the application) again to publish it and the changes behind it",
                change instanceof ChangeEvent event ? event.key() : "(not converted)", ChangeCaptureRoute.TOPIC,
                refused.getMessage(), ChangeCaptureRoute.ROUTE_ID);
        CamelContext camel = exchange.getContext();
        // not on this thread: the route's stop waits for Debezium's engine, which waits for this handler to return
        Thread stopping = new Thread(() -> {
            try {
                camel.getRouteController().stopRoute(ChangeCaptureRoute.ROUTE_ID, exception);
            } catch (Exception e) {
                LOG.error("Could not stop route {}", ChangeCaptureRoute.ROUTE_ID, e);
            }
        }, "cdc-capture-stop");
        stopping.start();
    }
}

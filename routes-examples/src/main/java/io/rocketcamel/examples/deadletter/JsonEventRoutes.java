package io.rocketcamel.examples.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Routes that consume JSON events: an event that does not parse goes to the dead-letter route with the reason and
 * is acknowledged, instead of being redelivered 16 times and blocking an orderly queue. A route of the builder whose
 * failure must reach its caller (a local transaction, which would otherwise commit) declares an onException of its own for
 * the same exceptions (Camel prefers the route's then), not handled.
 */
public abstract class JsonEventRoutes extends RouteBuilder {

    public static final String DEAD_LETTER = "direct:dead-letter";

    @Override
    public final void configure() {
        onException(JsonProcessingException.class, UnknownEventException.class)
                .onWhen(JsonEventRoutes::eventIsBad)
                .handled(true)
                .setHeader(DeadLetters.SOURCE_HEADER, simple("${routeId}"))
                .to(DEAD_LETTER);
        routes();
    }

    protected abstract void routes();

    /**
     * Only a failure thrown as such is the event's: Camel matches onException against the causes too, and a sink whose
     * service answered with something that is no JSON (a proxy's error page) fails with a parse error as the cause of
     * its own exception. That event is valid, and is retried until the service is back instead of parked.
     */
    private static boolean eventIsBad(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure instanceof JsonProcessingException || failure instanceof UnknownEventException;
    }
}

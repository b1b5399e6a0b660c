package io.rocketcamel.examples.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
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
                .handled(true)
                .setHeader(DeadLetters.SOURCE_HEADER, simple("${routeId}"))
                .to(DEAD_LETTER);
        routes();
    }

    protected abstract void routes();
}

package io.rocketcamel.benchmarks;

import java.util.function.Consumer;

import org.apache.camel.builder.RouteBuilder;

/** A route {@code from(uri)} handing each body to the listener; the route is stopped and removed in the background. */
final class CamelReceiver implements Receiver {

    private final CamelPeers camel;
    private final String routeId;

    CamelReceiver(CamelPeers camel, String uri, String routeId, Consumer<byte[]> listener) throws Exception {
        this.camel = camel;
        this.routeId = routeId;
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(exchange -> listener.accept(exchange.getMessage().getBody(byte[].class)));
            }
        });
    }

    @Override
    public void close() {
        Background.close(() -> {
            camel.context().getRouteController().stopRoute(routeId);
            camel.context().removeRoute(routeId);
        });
    }
}

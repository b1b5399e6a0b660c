package io.rocketcamel.benchmarks.peers;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.rocketcamel.benchmarks.BrokerStore;
import io.rocketcamel.benchmarks.Workload;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * A Camel component measured through Camel routes, as applications use it: the callers hand each unit to a route
 * {@code from("direct:...").to(uri)} through a ProducerTemplate on Camel's asynchronous routing engine (no thread
 * waits unless the component makes it wait), and consumers are routes {@code from(uri)}. Both components live in one
 * CamelContext (see {@link Peers}).
 */
abstract class CamelPeer implements Peer {

    private static final AtomicInteger ROUTES = new AtomicInteger();

    protected final BrokerStore store;
    private final CamelContext camel;

    CamelPeer(BrokerStore store, CamelContext camel) {
        this.store = store;
        this.camel = camel;
    }

    /** What the route does with each unit: for a component, send it to the component's endpoint. */
    abstract SendStep sendStep(Workload workload, String topic) throws Exception;

    abstract String consumerUri(String topic, String group, boolean orderly);

    /** The header that carries a unit's order key, for the peers that have one. */
    String orderKeyHeader() {
        throw new UnsupportedOperationException(label() + " has no order key");
    }

    @Override
    public PeerSession open(Workload workload, String topic) throws Exception {
        String routeId = "send-" + ROUTES.incrementAndGet() + "-" + id();
        String from = "direct:" + routeId;
        SendStep step = sendStep(workload, topic);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                step.route().accept(from(from).routeId(routeId));
            }
        });
        ProducerTemplate template = camel.createProducerTemplate();
        // By default the template hands each async send to a thread pool; a route's caller calls it directly.
        template.setThreadedAsyncMode(false);
        return new HarnessSession(workload, new RouteSender(template, from, routeId, step), store, topic, this);
    }

    @Override
    public Receiver receive(String topic, String group, boolean orderly, Consumer<byte[]> listener) throws Exception {
        String routeId = "receive-" + ROUTES.incrementAndGet() + "-" + id();
        String uri = consumerUri(topic, group, orderly);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(exchange -> listener.accept(exchange.getMessage().getBody(byte[].class)));
            }
        });
        AutoCloseable feed = feed(camel.getRoute(routeId).getConsumer(), topic, group, orderly);
        return () -> Background.close(() -> {
            feed.close();
            removeRoute(routeId);
        });
    }

    /**
     * What hands the route its messages: nothing for a component, whose consumer (from {@link #consumerUri}) fetches
     * them itself.
     */
    AutoCloseable feed(org.apache.camel.Consumer route, String topic, String group, boolean orderly) throws Exception {
        return () -> { };
    }

    /** The end of a send route, and what to close with it. */
    record SendStep(Consumer<RouteDefinition> route, AutoCloseable close) {

        static SendStep to(String uri) {
            return new SendStep(route -> route.to(uri), () -> { });
        }
    }

    private void removeRoute(String routeId) throws Exception {
        camel.getRouteController().stopRoute(routeId);
        camel.removeRoute(routeId);
    }

    private final class RouteSender implements Sender {

        private final ProducerTemplate template;
        private final String from;
        private final String routeId;
        private final SendStep step;

        RouteSender(ProducerTemplate template, String from, String routeId, SendStep step) {
            this.template = template;
            this.from = from;
            this.routeId = routeId;
            this.step = step;
        }

        @Override
        public void send(Object body, String orderKey, Consumer<Throwable> done) {
            template.asyncSend(from, exchange -> {
                exchange.getMessage().setBody(body);
                if (orderKey != null) {
                    exchange.getMessage().setHeader(orderKeyHeader(), orderKey);
                }
            }).whenComplete((Exchange completed, Throwable failure) -> done.accept(failure != null ? failure : completed.getException()));
        }

        @Override
        public void close() {
            Background.close(() -> {
                template.stop();
                removeRoute(routeId);
                step.close().close();
            });
        }
    }
}

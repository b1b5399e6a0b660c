package io.rocketcamel.benchmarks.peers;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.rocketcamel.benchmarks.BrokerStore;
import io.rocketcamel.benchmarks.Workload;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

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

    /** The producer endpoint's URI for this workload. */
    abstract String producerUri(Workload workload, String topic);

    abstract String consumerUri(String topic, String group, boolean orderly);

    /** The header that carries a unit's order key, for the peers that have one. */
    String orderKeyHeader() {
        throw new UnsupportedOperationException(label() + " has no order key");
    }

    @Override
    public PeerSession open(Workload workload, String topic) throws Exception {
        String routeId = "send-" + ROUTES.incrementAndGet() + "-" + id();
        String from = "direct:" + routeId;
        String to = producerUri(workload, topic);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(routeId).to(to);
            }
        });
        ProducerTemplate template = camel.createProducerTemplate();
        // By default the template hands each async send to a thread pool; a route's caller calls it directly.
        template.setThreadedAsyncMode(false);
        return new HarnessSession(workload, new RouteSender(template, from, routeId), store, topic, this);
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
        return () -> Background.close(() -> removeRoute(routeId));
    }

    private void removeRoute(String routeId) throws Exception {
        camel.getRouteController().stopRoute(routeId);
        camel.removeRoute(routeId);
    }

    private final class RouteSender implements Sender {

        private final ProducerTemplate template;
        private final String from;
        private final String routeId;

        RouteSender(ProducerTemplate template, String from, String routeId) {
            this.template = template;
            this.from = from;
            this.routeId = routeId;
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
            });
        }
    }
}

package io.rocketcamel.benchmarks;

import java.util.List;
import java.util.function.Consumer;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends through a Camel endpoint the way a route's {@code to()} does: one exchange per unit, with a unit of work, via
 * the asynchronous routing engine (no thread waits unless the component makes it wait).
 */
final class CamelSender implements Sender {

    private final ProducerTemplate template;
    private final Endpoint endpoint;

    CamelSender(CamelPeers camel, Endpoint endpoint) {
        this.template = camel.context().createProducerTemplate();
        // By default the template hands each async send to a thread pool; a route's to() calls the producer directly.
        template.setThreadedAsyncMode(false);
        this.endpoint = endpoint;
    }

    @Override
    public void send(List<byte[]> bodies, String orderKey, Consumer<Throwable> done) {
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setBody(bodies.size() == 1 ? bodies.get(0) : bodies);
        if (orderKey != null) {
            exchange.getMessage().setHeader(RocketMQConstants.ORDER_KEY, orderKey);
        }
        template.asyncSend(endpoint, exchange).whenComplete((completed, failure) -> done.accept(failure != null ? failure : completed.getException()));
    }

    @Override
    public void close() {
        Background.close(() -> {
            template.stop();
            endpoint.getCamelContext().removeEndpoint(endpoint);
        });
    }
}

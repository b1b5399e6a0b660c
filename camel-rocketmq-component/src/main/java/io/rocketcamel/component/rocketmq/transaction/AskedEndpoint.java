package io.rocketcamel.component.rocketmq.transaction;

import org.apache.camel.AsyncEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

/**
 * An endpoint whose answer decides a transaction: the local transaction, or a checker route. Camel hands an InOnly
 * exchange to an endpoint that runs it on another thread (seda, vm: an {@link AsyncEndpoint}) and returns at once, so
 * the answer would be read before it was given; such an endpoint is asked InOut, which Camel waits for.
 */
record AskedEndpoint(Endpoint endpoint, boolean handsOver) {

    static AskedEndpoint of(Endpoint endpoint) {
        return new AskedEndpoint(endpoint, endpoint instanceof AsyncEndpoint);
    }

    /** Sends the exchange and returns once the endpoint has answered, leaving the exchange's pattern as it was. */
    void ask(ProducerTemplate template, Exchange exchange) {
        if (!handsOver) {
            template.send(endpoint, exchange);
            return;
        }
        ExchangePattern pattern = exchange.getPattern();
        exchange.setPattern(ExchangePattern.InOut);
        try {
            template.send(endpoint, exchange);
        } finally {
            exchange.setPattern(pattern);
        }
    }

    String uri() {
        return endpoint.getEndpointUri();
    }
}

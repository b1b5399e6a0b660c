package io.rocketcamel.starter;

import java.util.Collection;

import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.Exchange;

/** A list body is sent as one batch and consumed as one batch exchange: metrics count its messages. */
public final class MessageCount {

    private MessageCount() {
    }

    public static int of(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof Collection<?> batch ? batch.size() : 1;
    }

    /**
     * The messages a consumed exchange carried, read when it completes: one unless its consumer takes batches (the
     * route may have turned the body of a single message into a list by then).
     */
    public static int consumed(Exchange exchange) {
        return exchange.getFromEndpoint() instanceof RocketMQEndpoint endpoint
               && endpoint.getConfiguration().getConsumeBatchSize() > 1 ? of(exchange) : 1;
    }
}

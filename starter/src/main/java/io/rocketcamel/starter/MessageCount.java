package io.rocketcamel.starter;

import java.util.Collection;

import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.producer.OutgoingMessageFactory;
import org.apache.camel.Exchange;

/** A list body (or an array) is sent as several messages and consumed as one batch exchange: metrics count its messages. */
public final class MessageCount {

    private MessageCount() {
    }

    public static int of(Exchange exchange) {
        Collection<?> elements = OutgoingMessageFactory.elementsOf(exchange.getMessage().getBody());
        return elements == null ? 1 : elements.size();
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

package io.rocketcamel.starter;

import java.util.Collection;

import org.apache.camel.Exchange;

/** A list body is sent as one batch and consumed as one batch exchange: metrics count its messages. */
public final class MessageCount {

    private MessageCount() {
    }

    public static int of(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof Collection<?> batch ? batch.size() : 1;
    }
}

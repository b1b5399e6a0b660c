package io.rocketcamel.component.rocketmq.internal;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies Camel headers to message user properties and back, through the endpoint's header filter strategy.
 */
public final class HeaderMapper {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderMapper.class);

    private final HeaderFilterStrategy filter;

    public HeaderMapper(HeaderFilterStrategy filter) {
        this.filter = filter;
    }

    public void toUserProperties(Exchange exchange, Message message) {
        toUserProperties(exchange, exchange.getMessage(), message);
    }

    /** The headers of {@code from}, which may be another Camel message of the exchange (an element of a batch). */
    public void toUserProperties(Exchange exchange, org.apache.camel.Message from, Message message) {
        for (Map.Entry<String, Object> header : from.getHeaders().entrySet()) {
            String name = header.getKey();
            if (header.getValue() == null || filter.applyFilterToCamelHeaders(name, header.getValue(), exchange)) {
                continue;
            }
            String value = header.getValue() instanceof String text ? text
                    : exchange.getContext().getTypeConverter().tryConvertTo(String.class, exchange, header.getValue());
            if (value == null || value.isBlank() || hasSeparator(name) || hasSeparator(value)) {
                LOG.debug("Header {} is not sent: RocketMQ takes no blank, unconvertible or separator-holding property",
                        name);
                continue;
            }
            try {
                message.putUserProperty(name, value);
            } catch (RuntimeException e) {
                LOG.debug("Header {} is not sent: {}", name, e.getMessage());
            }
        }
    }

    public void toHeaders(Message message, org.apache.camel.Message camelMessage, Exchange exchange) {
        toHeaders(message, camelMessage.getHeaders(), exchange);
    }

    public void toHeaders(Message message, Map<String, Object> headers, Exchange exchange) {
        message.getProperties().forEach((name, value) -> {
            if (!filter.applyFilterToExternalHeaders(name, value, exchange)) {
                headers.put(name, value);
            }
        });
    }

    private static boolean hasSeparator(String text) {
        return text.indexOf(MessageDecoder.NAME_VALUE_SEPARATOR) >= 0 || text.indexOf(MessageDecoder.PROPERTY_SEPARATOR) >= 0;
    }
}

package io.rocketcamel.component.rocketmq.internal;

import java.time.Instant;
import java.util.Calendar;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rocketcamel.component.rocketmq.RocketMQHeaderFilterStrategy;
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

    /** Beyond it, further names go unwarned: the set stays bounded whatever names an application invents. */
    private static final int MAX_WARNED_NAMES = 1000;

    private final HeaderFilterStrategy filter;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

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
            if (header.getValue() == null) {
                continue;
            }
            if (filter.applyFilterToCamelHeaders(name, header.getValue(), exchange)) {
                if (RocketMQHeaderFilterStrategy.isSystemProperty(name)) {
                    warnOnce(name, "RocketMQ reserves the name for a system property; rename the header (tags, keys,"
                                   + " delays and order keys go in the CamelRocketMQ headers, such as CamelRocketMQKeys)");
                }
                continue;
            }
            String value = textOf(exchange, header.getValue());
            if (isIdentityText(header.getValue(), value)) {
                warnOnce(name, "its value, a " + header.getValue().getClass().getName() + ", has no text form (Camel"
                               + " read it as " + value + "): convert it to text, or keep it out with"
                               + " headerFilterStrategy");
                continue;
            }
            if (value == null || value.isBlank() || hasSeparator(name) || hasSeparator(value)) {
                warnOnce(name, "RocketMQ takes no blank value, no value it cannot read as text, and no \\u0001 or"
                               + " \\u0002 in a name or value");
                continue;
            }
            try {
                message.putUserProperty(name, value);
            } catch (RuntimeException e) {
                warnOnce(name, e.getMessage());
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

    /**
     * A header's value as text. A Date's text was Date.toString(), whole seconds in this JVM's zone, and a Calendar's
     * its fields' dump: neither could be read back as the instant, which is sent in ISO-8601 instead, as java.time's
     * types already are (java.sql's own Date types keep their text).
     */
    private static String textOf(Exchange exchange, Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value != null && value.getClass() == Date.class) {
            return Instant.ofEpochMilli(((Date) value).getTime()).toString();
        }
        if (value instanceof Calendar calendar) {
            return calendar.toInstant().toString();
        }
        return exchange.getContext().getTypeConverter().tryConvertTo(String.class, exchange, value);
    }

    /** Once per header name and endpoint: a header that never goes out would otherwise go unnoticed. */
    private void warnOnce(String name, String reason) {
        if (!warned.contains(name) && warned.size() < MAX_WARNED_NAMES && warned.add(name)) {
            LOG.warn("Header {} is not sent with the message (said once per header): {}", name, reason);
        }
    }

    /**
     * Camel's last resort reads any object through toString, which for a class without its own is the class name and
     * identity hash: text no consumer can turn back into anything.
     */
    private static boolean isIdentityText(Object value, String text) {
        String type = value.getClass().getName();
        return text != null && text.length() > type.length() && text.charAt(type.length()) == '@'
               && text.startsWith(type) && text.equals(type + "@" + Integer.toHexString(value.hashCode()));
    }

    /** Whether the text holds a character RocketMQ separates a message's encoded properties with. */
    public static boolean hasSeparator(String text) {
        return text.indexOf(MessageDecoder.NAME_VALUE_SEPARATOR) >= 0 || text.indexOf(MessageDecoder.PROPERTY_SEPARATOR) >= 0;
    }
}

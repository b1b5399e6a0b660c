package io.rocketcamel.component.rocketmq.tracing;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.AbstractMessagingSpanDecorator;

/**
 * camel-opentelemetry2's (Camel's telemetry SPI) decorator for rocketmq endpoints: spans named {@code send <topic>}
 * and {@code process <topic>} with OpenTelemetry's messaging attributes. (That SPI sets no span kind in Camel 4.17.)
 */
public class RocketMQTelemetrySpanDecorator extends AbstractMessagingSpanDecorator {

    @Override
    public String getComponent() {
        return "rocketmq";
    }

    @Override
    public String getComponentClassName() {
        return RocketMQComponent.class.getName();
    }

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        return clipMaxLength(MessagingSpans.name(exchange, endpoint));
    }

    @Override
    protected String getDestination(Exchange exchange, Endpoint endpoint) {
        return MessagingSpans.destination(exchange, endpoint);
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        MessagingSpans.before(exchange, endpoint, span, (name, value) -> span.setTag(name, String.valueOf(value)));
    }

    /** This SPI does not pass the endpoint here: a send's span is known by what it asked its producer to record. */
    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        MessagingSpans.after(exchange, span, (name, value) -> span.setTag(name, String.valueOf(value)));
    }
}

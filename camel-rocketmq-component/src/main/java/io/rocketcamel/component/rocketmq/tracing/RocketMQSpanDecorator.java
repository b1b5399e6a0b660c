package io.rocketcamel.component.rocketmq.tracing;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.tracing.SpanAdapter;
import org.apache.camel.tracing.decorators.AbstractMessagingSpanDecorator;

/**
 * camel-opentelemetry's (Camel's tracing SPI) decorator for rocketmq endpoints: PRODUCER spans named
 * {@code send <topic>}, CONSUMER spans named {@code process <topic>}, with OpenTelemetry's messaging attributes.
 */
public class RocketMQSpanDecorator extends AbstractMessagingSpanDecorator {

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
    public void pre(SpanAdapter span, Exchange exchange, Endpoint endpoint) {
        super.pre(span, exchange, endpoint);
        MessagingSpans.before(exchange, endpoint, span, (name, value) -> tag(span, name, value));
    }

    @Override
    public void post(SpanAdapter span, Exchange exchange, Endpoint endpoint) {
        super.post(span, exchange, endpoint);
        MessagingSpans.after(exchange, span, (name, value) -> tag(span, name, value));
    }

    private static void tag(SpanAdapter span, String name, Object value) {
        if (value instanceof Number number) {
            span.setTag(name, number);
        } else {
            span.setTag(name, String.valueOf(value));
        }
    }
}

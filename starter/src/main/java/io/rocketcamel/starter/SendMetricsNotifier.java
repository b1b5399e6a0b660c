package io.rocketcamel.starter;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Producer metrics from Camel's own "exchange sent" events, which carry the endpoint and the time the send took: no
 * hook in the component needed.
 */
class SendMetricsNotifier extends EventNotifierSupport {

    private static final String TOPIC = "rocketcamel.metrics.topic";

    private final MeterRegistry registry;

    SendMetricsNotifier(MeterRegistry registry) {
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
    }

    /** Camel times a send, and so emits its "sent" event, only when a notifier takes the "sending" event too. */
    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSendingEvent sending && sending.getEndpoint() instanceof RocketMQEndpoint
                || event instanceof ExchangeSentEvent sent && sent.getEndpoint() instanceof RocketMQEndpoint;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            // the topic a toD resolved to: the producer removes its header once the send succeeded
            sending.getExchange().setProperty(TOPIC, sending.getExchange().getMessage().getHeader(
                    RocketMQConstants.OVERRIDE_TOPIC, ((RocketMQEndpoint) sending.getEndpoint()).getTopicName(), String.class));
            return;
        }
        if (!(event instanceof ExchangeSentEvent sent)) {
            return;
        }
        String topic = sent.getExchange().getProperty(TOPIC, ((RocketMQEndpoint) sent.getEndpoint()).getTopicName(),
                String.class);
        int messages = MessageCount.of(sent.getExchange());
        boolean failed = sent.getExchange().getException() != null;
        Counter.builder(failed ? RocketMQMeters.SEND_FAILED : RocketMQMeters.SENT).tag("topic", topic)
                .description(failed ? "Messages whose send failed" : "Messages sent").baseUnit("messages")
                .register(registry).increment(messages);
        Timer.builder(RocketMQMeters.SEND_LATENCY).tag("topic", topic)
                .tag("outcome", failed ? "failure" : "success").description("Time one send (or batch send) took")
                .register(registry).record(sent.getTimeTaken(), TimeUnit.MILLISECONDS);
    }
}

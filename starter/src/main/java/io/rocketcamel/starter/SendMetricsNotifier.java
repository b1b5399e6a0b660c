package io.rocketcamel.starter;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.producer.OutgoingMessageFactory;
import io.rocketcamel.component.rocketmq.producer.SendTopic;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
    private static final String LIST_TOPICS = "rocketcamel.metrics.listTopics";

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
            // the topic a toD resolved to (or an override header named), and those a list's messages name: the
            // producer removes the headers once the send completed
            Exchange exchange = sending.getExchange();
            String topic = SendTopic.of(exchange, (RocketMQEndpoint) sending.getEndpoint());
            exchange.setProperty(TOPIC, topic);
            Map<String, Integer> perTopic = listTopics(exchange, topic);
            if (perTopic != null) {
                exchange.setProperty(LIST_TOPICS, perTopic);
            }
            return;
        }
        if (!(event instanceof ExchangeSentEvent sent)) {
            return;
        }
        Exchange exchange = sent.getExchange();
        String topic = exchange.getProperty(TOPIC, ((RocketMQEndpoint) sent.getEndpoint()).getTopicName(), String.class);
        boolean failed = exchange.getException() != null;
        @SuppressWarnings("unchecked")
        Map<String, Integer> perTopic = exchange.getProperty(LIST_TOPICS, Map.class);
        if (perTopic == null) {
            count(topic, failed, MessageCount.of(exchange));
        } else {
            exchange.removeProperty(LIST_TOPICS);
            perTopic.forEach((listTopic, messages) -> count(listTopic, failed, messages));
        }
        Timer.builder(RocketMQMeters.SEND_LATENCY).tag("topic", topic)
                .tag("outcome", failed ? "failure" : "success").description("Time one send (or batch send) took")
                .register(registry).record(sent.getTimeTaken(), TimeUnit.MILLISECONDS);
    }

    private void count(String topic, boolean failed, int messages) {
        Counter.builder(failed ? RocketMQMeters.SEND_FAILED : RocketMQMeters.SENT).tag("topic", topic)
                .description(failed ? "Messages whose send failed" : "Messages sent").baseUnit("messages")
                .register(registry).increment(messages);
    }

    /**
     * The messages of a list body by the topic each goes to, when some name their own (as the producer reads
     * CamelRocketMQOverrideTopic on each Camel message or exchange of the list); null otherwise.
     */
    private static Map<String, Integer> listTopics(Exchange exchange, String exchangeTopic) {
        Collection<?> elements = OutgoingMessageFactory.elementsOf(exchange.getMessage().getBody());
        if (elements == null || elements.stream().allMatch(element -> namedTopic(element) == null)) {
            return null;
        }
        Map<String, Integer> perTopic = new LinkedHashMap<>();
        for (Object element : elements) {
            String named = namedTopic(element);
            perTopic.merge(named != null ? named : exchangeTopic, 1, Integer::sum);
        }
        return perTopic;
    }

    private static String namedTopic(Object element) {
        Message message = OutgoingMessageFactory.camelMessageOf(element);
        return message == null ? null : message.getHeader(RocketMQConstants.OVERRIDE_TOPIC, String.class);
    }
}

package io.rocketcamel.component.rocketmq.tracing;

import java.util.Collection;
import java.util.Locale;
import java.util.function.BiConsumer;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.producer.SendTopic;
import io.rocketcamel.component.rocketmq.producer.SentMessage;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;

/**
 * What both decorators say about a rocketmq span, in OpenTelemetry's messaging conventions: named
 * {@code send <topic>} or {@code process <topic>}, with the system, destination, operation, group, and the message's
 * id, tag, keys and queue where the exchange knows them.
 */
final class MessagingSpans {

    static final String SYSTEM = "messaging.system";
    static final String OPERATION_TYPE = "messaging.operation.type";
    static final String OPERATION_NAME = "messaging.operation.name";
    static final String DESTINATION = "messaging.destination.name";
    static final String PARTITION = "messaging.destination.partition.id";
    static final String MESSAGE_ID = "messaging.message.id";
    static final String BATCH_COUNT = "messaging.batch.message_count";
    static final String CONSUMER_GROUP = "messaging.consumer.group.name";
    static final String CLIENT_GROUP = "messaging.rocketmq.client_group";
    static final String TAG = "messaging.rocketmq.message.tag";
    static final String KEYS = "messaging.rocketmq.message.keys";
    static final String CONSUMPTION_MODEL = "messaging.rocketmq.consumption_model";
    static final String NAMESPACE = "messaging.rocketmq.namespace";

    private MessagingSpans() {
    }

    /**
     * The exchange was created by this endpoint's consumer and is not being sent to it: the span is the route
     * processing a consumed message. A ProducerTemplate's exchange also comes from the endpoint it is sent to, but
     * from no route; a route that puts what it consumed back through the URI it consumes from (a requeue) sends to
     * its own endpoint, which Camel names as the exchange's destination before the send's span starts.
     */
    static boolean consumes(Exchange exchange, Endpoint endpoint) {
        return exchange.getFromEndpoint() == endpoint && exchange.getFromRouteId() != null
               && !endpoint.getEndpointUri().equals(exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT));
    }

    static String name(Exchange exchange, Endpoint endpoint) {
        return (consumes(exchange, endpoint) ? "process " : "send ") + destination(exchange, endpoint);
    }

    /**
     * The endpoint's topic; on a send, the override header's (ours, or Apache's) when set, or the topic a toD resolved
     * for it.
     */
    static String destination(Exchange exchange, Endpoint endpoint) {
        RocketMQEndpoint rocketmq = (RocketMQEndpoint) endpoint;
        return consumes(exchange, endpoint) ? rocketmq.getTopicName() : SendTopic.of(exchange, rocketmq);
    }

    /**
     * Attributes known when the span starts. A send's span asks the producer for what it sends ({@link SentMessage}),
     * as the exchange's headers may still describe a consumed message.
     */
    static void before(Exchange exchange, Endpoint endpoint, Object span, BiConsumer<String, Object> attributes) {
        RocketMQConfiguration configuration = ((RocketMQEndpoint) endpoint).getConfiguration();
        Message message = exchange.getMessage();
        boolean consumer = consumes(exchange, endpoint);
        attributes.accept(SYSTEM, "rocketmq");
        attributes.accept(OPERATION_TYPE, consumer ? "process" : "send");
        attributes.accept(OPERATION_NAME, consumer ? "process" : "send");
        if (configuration.getNamespace() != null) {
            attributes.accept(NAMESPACE, configuration.getNamespace());
        }
        if (consumer) {
            attributes.accept(CONSUMER_GROUP, configuration.getConsumerGroup());
            attributes.accept(CLIENT_GROUP, configuration.getConsumerGroup());
            attributes.accept(CONSUMPTION_MODEL, configuration.getMessageModel().name().toLowerCase(Locale.ROOT));
            if (message.getBody() instanceof Collection<?> batch) {
                attributes.accept(BATCH_COUNT, batch.size());
            } else {
                describeConsumed(message, attributes);
            }
        } else {
            attributes.accept(CLIENT_GROUP, ((RocketMQEndpoint) endpoint).producerGroup());
            if (message.getBody() instanceof Collection<?> batch) {
                attributes.accept(BATCH_COUNT, batch.size());
            }
            SentMessage.expect(exchange, span);
        }
    }

    /**
     * Attributes of what a send sent, once it completed: the topic, the tag and keys its message was given (the
     * endpoint's, Apache's sendTag or the route's headers) and, once the broker stored it, its id and queue. Nothing
     * for the span of a consumer.
     */
    static void after(Exchange exchange, Object span, BiConsumer<String, Object> attributes) {
        SentMessage sent = SentMessage.finished(exchange, span);
        if (sent == null || sent.topic() == null) {
            return;
        }
        attributes.accept(DESTINATION, sent.topic());
        putIfPresent(attributes, TAG, sent.tag());
        putIfPresent(attributes, KEYS, sent.keys());
        putIfPresent(attributes, MESSAGE_ID, sent.messageId());
        putIfPresent(attributes, PARTITION, sent.queueId() == null ? null : String.valueOf(sent.queueId()));
    }

    private static void describeConsumed(Message message, BiConsumer<String, Object> attributes) {
        putIfPresent(attributes, MESSAGE_ID, message.getHeader(RocketMQConstants.MESSAGE_ID, String.class));
        putIfPresent(attributes, PARTITION, message.getHeader(RocketMQConstants.QUEUE_ID, String.class));
        putIfPresent(attributes, TAG, message.getHeader(RocketMQConstants.TAGS, String.class));
        putIfPresent(attributes, KEYS, message.getHeader(RocketMQConstants.KEYS, String.class));
    }

    private static void putIfPresent(BiConsumer<String, Object> attributes, String name, Object value) {
        if (value != null) {
            attributes.accept(name, value);
        }
    }
}

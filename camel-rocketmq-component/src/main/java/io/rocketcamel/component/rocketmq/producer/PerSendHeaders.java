package io.rocketcamel.component.rocketmq.producer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The headers that belong to one send: {@link RocketMQConstants#OVERRIDE_TOPIC}, the topic it goes to instead of its
 * endpoint's (toD sets it), also on each Camel message of a list body, and {@link RocketMQConstants#OPERATION}. They
 * leave the exchange (and its list's messages) once that send completed, so the next rocketmq endpoint the exchange
 * meets sends to its own topic: after a success, the next step of the route (a send after a RECALL used to recall
 * again, storing nothing); after a failure, a dead letter channel's endpoint, which sent to the topic that had just
 * failed, or recalled the handle that had just failed, failed in turn, and had the consumed message acknowledged
 * without being parked. A failed send keeps them in an exchange property naming its endpoint, where a retry of the
 * exchange to that endpoint (Camel's redelivery, a hand-written loop, a circuit breaker) finds them again: Camel's
 * redelivery copies the exchange's message back, but not the list's messages its body refers to.
 */
final class PerSendHeaders {

    static final PerSendHeaders NONE = new PerSendHeaders(null, null, null);

    private static final String FAILED = "CamelRocketMQFailedSendHeaders";

    private record Failed(String endpointKey, PerSendHeaders headers) {
    }

    private final String topic;
    private final String operation;
    /** The topics the list's messages named, by message (each message object once); null when none did. */
    private final Map<Message, String> listTopics;

    private PerSendHeaders(String topic, String operation, Map<Message, String> listTopics) {
        this.topic = topic;
        this.operation = operation;
        this.listTopics = listTopics;
    }

    /** This send's headers, or those its endpoint's last failed send of this exchange took. */
    static PerSendHeaders take(Exchange exchange, String endpointKey) {
        Message in = exchange.getMessage();
        String topic = in.getHeader(RocketMQConstants.OVERRIDE_TOPIC, String.class);
        String operation = in.getHeader(RocketMQConstants.OPERATION, String.class);
        Collection<?> elements = OutgoingMessageFactory.elementsOf(in.getBody());
        Failed failed = exchange.getProperty(FAILED, Failed.class);
        if (failed != null && failed.endpointKey().equals(endpointKey)) {
            exchange.removeProperty(FAILED);
            topic = topic != null ? topic : failed.headers().topic;
            operation = operation != null ? operation : failed.headers().operation;
            if (elements != null) {
                failed.headers().restoreListTopics(elements);
            }
        }
        Map<Message, String> listTopics = elements == null ? null : listTopics(elements);
        return topic == null && operation == null && listTopics == null ? NONE
                : new PerSendHeaders(topic, operation, listTopics);
    }

    private static Map<Message, String> listTopics(Collection<?> elements) {
        Map<Message, String> topics = null;
        for (Object element : elements) {
            Message message = OutgoingMessageFactory.camelMessageOf(element);
            String topic = message == null ? null : message.getHeader(RocketMQConstants.OVERRIDE_TOPIC, String.class);
            if (topic != null) {
                if (topics == null) {
                    topics = new IdentityHashMap<>();
                }
                topics.put(message, topic);
            }
        }
        return topics;
    }

    /** A failed send's list topics, back on those of its messages still in the list that name none now. */
    private void restoreListTopics(Collection<?> elements) {
        if (listTopics == null) {
            return;
        }
        for (Object element : elements) {
            Message message = OutgoingMessageFactory.camelMessageOf(element);
            String topic = message == null ? null : listTopics.get(message);
            if (topic != null && message.getHeader(RocketMQConstants.OVERRIDE_TOPIC) == null) {
                message.setHeader(RocketMQConstants.OVERRIDE_TOPIC, topic);
            }
        }
    }

    /** The topic this send overrides its endpoint's with, or null. */
    String topic() {
        return topic;
    }

    /** The operation header of this send, or null (a SEND). */
    String operation() {
        return operation;
    }

    /**
     * The topics the exchange and its list's messages named other than {@code endpointTopic}: a send failing for one
     * of them failed for what the exchange asked, not for the producer's own topic.
     */
    List<String> otherTopics(String endpointTopic) {
        List<String> named = new ArrayList<>();
        if (topic != null) {
            named.add(topic);
        }
        if (listTopics != null) {
            named.addAll(listTopics.values());
        }
        return named.stream().filter(other -> !other.equals(endpointTopic)).distinct().toList();
    }

    /** Once the send that took them completed, with or without an exception. */
    void completed(Exchange exchange, String endpointKey) {
        if (this == NONE) {
            return;
        }
        exchange.getMessage().removeHeader(RocketMQConstants.OVERRIDE_TOPIC);
        exchange.getMessage().removeHeader(RocketMQConstants.OPERATION);
        if (listTopics != null) {
            listTopics.keySet().forEach(message -> message.removeHeader(RocketMQConstants.OVERRIDE_TOPIC));
        }
        if (exchange.getException() != null) {
            exchange.setProperty(FAILED, new Failed(endpointKey, this));
        }
    }
}

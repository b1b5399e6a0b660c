package io.rocketcamel.component.rocketmq.producer;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.Exchange;

/**
 * The headers that belong to one send: {@link RocketMQConstants#OVERRIDE_TOPIC}, the topic it goes to instead of its
 * endpoint's (toD sets it), and {@link RocketMQConstants#OPERATION}. They leave the exchange once that send completed,
 * so the next rocketmq endpoint the exchange meets sends to its own topic: after a success, the next step of the route
 * (a send after a RECALL used to recall again, storing nothing); after a failure, a dead letter channel's endpoint,
 * which sent to the topic that had just failed, or recalled the handle that had just failed, failed in turn, and had
 * the consumed message acknowledged without being parked. A failed send keeps them in an exchange property naming its
 * endpoint, where a retry of the exchange to that endpoint (Camel's redelivery, a hand-written loop, a circuit
 * breaker) finds them again.
 */
final class PerSendHeaders {

    static final PerSendHeaders NONE = new PerSendHeaders(null, null);

    private static final String FAILED = "CamelRocketMQFailedSendHeaders";

    private record Failed(String endpointKey, PerSendHeaders headers) {
    }

    private final String topic;
    private final String operation;

    private PerSendHeaders(String topic, String operation) {
        this.topic = topic;
        this.operation = operation;
    }

    /** This send's headers, or those its endpoint's last failed send of this exchange took. */
    static PerSendHeaders take(Exchange exchange, String endpointKey) {
        String topic = exchange.getMessage().getHeader(RocketMQConstants.OVERRIDE_TOPIC, String.class);
        String operation = exchange.getMessage().getHeader(RocketMQConstants.OPERATION, String.class);
        Failed failed = exchange.getProperty(FAILED, Failed.class);
        if (failed != null && failed.endpointKey().equals(endpointKey)) {
            exchange.removeProperty(FAILED);
            topic = topic != null ? topic : failed.headers().topic;
            operation = operation != null ? operation : failed.headers().operation;
        }
        return topic == null && operation == null ? NONE : new PerSendHeaders(topic, operation);
    }

    /** The topic this send overrides its endpoint's with, or null. */
    String topic() {
        return topic;
    }

    /** The operation header of this send, or null (a SEND). */
    String operation() {
        return operation;
    }

    /** Once the send that took them completed, with or without an exception. */
    void completed(Exchange exchange, String endpointKey) {
        if (this == NONE) {
            return;
        }
        exchange.getMessage().removeHeader(RocketMQConstants.OVERRIDE_TOPIC);
        exchange.getMessage().removeHeader(RocketMQConstants.OPERATION);
        if (exchange.getException() != null) {
            exchange.setProperty(FAILED, new Failed(endpointKey, this));
        }
    }
}

package io.rocketcamel.component.rocketmq.producer;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.Exchange;

/**
 * The topic a send goes to instead of its endpoint's: header {@link RocketMQConstants#OVERRIDE_TOPIC} (toD sets it).
 * It belongs to the send that read it, and leaves the header once that send completed, so the next rocketmq endpoint
 * the exchange meets sends to its own topic: after a success, the next step of the route; after a failure, a dead
 * letter channel's endpoint, which sent to the topic that had just failed, failed in turn, and had the consumed message
 * acknowledged without being parked. A failed send keeps the topic in an exchange property naming its endpoint, where
 * a retry of the exchange to that endpoint (a hand-written loop, Spring Retry, a circuit breaker) finds it again.
 */
final class OverrideTopic {

    private static final String FAILED = "CamelRocketMQFailedOverrideTopic";

    private record Failed(String endpointKey, String topic) {
    }

    private OverrideTopic() {
    }

    /** The topic this send overrides its endpoint's with, or null. */
    static String take(Exchange exchange, String endpointKey) {
        String header = exchange.getMessage().getHeader(RocketMQConstants.OVERRIDE_TOPIC, String.class);
        Failed failed = exchange.getProperty(FAILED, Failed.class);
        if (failed != null && failed.endpointKey().equals(endpointKey)) {
            exchange.removeProperty(FAILED);
            return header != null ? header : failed.topic();
        }
        return header;
    }

    /** Once the send that took the topic completed, with or without an exception. */
    static void completed(Exchange exchange, String endpointKey, String topic) {
        exchange.getMessage().removeHeader(RocketMQConstants.OVERRIDE_TOPIC);
        if (exchange.getException() != null) {
            exchange.setProperty(FAILED, new Failed(endpointKey, topic));
        }
    }
}

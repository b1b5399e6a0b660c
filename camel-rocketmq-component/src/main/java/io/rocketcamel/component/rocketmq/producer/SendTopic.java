package io.rocketcamel.component.rocketmq.producer;

import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.RocketMQSendDynamicAware;
import org.apache.camel.Exchange;

/**
 * The topic a send to an endpoint goes to, as known when Camel announces the send (tracers, metrics): the topic an
 * override header names (this component's or Apache camel-rocketmq's), else the one a toD resolved (Camel hands it to
 * the producer only after the announcement), else the endpoint's.
 */
public final class SendTopic {

    private SendTopic() {
    }

    public static String of(Exchange exchange, RocketMQEndpoint endpoint) {
        String override = ApacheHeaders.overrideTopic(exchange.getMessage());
        if (override != null) {
            return override;
        }
        String dynamic = RocketMQSendDynamicAware.DynamicTopic.of(exchange, endpoint.getTopicName());
        return dynamic != null ? dynamic : endpoint.getTopicName();
    }
}

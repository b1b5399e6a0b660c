package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.internal.ConsumingRouteCheck;
import io.rocketcamel.component.rocketmq.internal.ExchangeFailure;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * deadLetterUri: where a message goes after its last failed attempt, one exchange per message with the message's
 * body and headers and the last failure in {@link Exchange#EXCEPTION_CAUGHT}. A message counts as given up only once
 * that exchange completed without exception and was not marked rollback-only.
 */
final class DeadLetterChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterChannel.class);
    private static final int FAILURE_CHARS = 1000;

    private final Endpoint endpoint;
    private final ProducerTemplate template;
    private final ExchangeFiller filler;
    private final String group;

    private DeadLetterChannel(Endpoint endpoint, ProducerTemplate template, ExchangeFiller filler, String group) {
        this.endpoint = endpoint;
        this.template = template;
        this.filler = filler;
        this.group = group;
    }

    /** @return the channel of the option, or {@code null} when it is not set */
    static DeadLetterChannel of(CamelContext context, String uri, ExchangeFiller filler, String group) throws Exception {
        if (uri == null) {
            return null;
        }
        Endpoint endpoint;
        try {
            endpoint = context.getEndpoint(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Option deadLetterUri=" + uri + " names no endpoint of CamelContext "
                                               + context.getName() + " (" + e.getMessage() + "): name an endpoint such"
                                               + " as rocketmq:orders-dead or direct:parkOrder", e);
        }
        ConsumingRouteCheck.register(context, "deadLetterUri", endpoint);
        return new DeadLetterChannel(endpoint, context.createProducerTemplate(), filler, group);
    }

    /**
     * Sends the messages one by one, and stops at the first the endpoint refuses: what comes after it is given up
     * with it, elsewhere.
     *
     * @return how many of the messages, from the first, reached the dead-letter endpoint
     */
    int deliver(List<MessageExt> messages, Throwable failure) {
        for (int i = 0; i < messages.size(); i++) {
            MessageExt message = messages.get(i);
            Exchange exchange = endpoint.createExchange();
            filler.fillOne(exchange, message);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
            tellOrigin(exchange.getIn(), message, failure);
            template.send(endpoint, exchange);
            Throwable failed = ExchangeFailure.of(exchange);
            if (failed != null) {
                LOG.warn("Message {} of topic {} (group {}) failed its last attempt and could not be sent to"
                         + " deadLetterUri {}: it is not given up", message.getMsgId(), message.getTopic(), group,
                        endpoint.getEndpointUri(), failed);
                return i;
            }
            LOG.warn("Message {} of topic {} (group {}) failed {} time(s) and was sent to deadLetterUri {}; last"
                     + " failure: {}", message.getMsgId(), message.getTopic(), group, message.getReconsumeTimes() + 1,
                    endpoint.getEndpointUri(), String.valueOf(failure));
        }
        return messages.size();
    }

    /**
     * Where the message came from and why it was given up, in headers a rocketmq: dead-letter endpoint sends on as user
     * properties (the component's own headers stay behind, and the failure is an exchange property).
     */
    private void tellOrigin(org.apache.camel.Message in, MessageExt message, Throwable failure) {
        in.setHeader(RocketMQConstants.DEAD_LETTER_ORIGIN_TOPIC, message.getTopic());
        in.setHeader(RocketMQConstants.DEAD_LETTER_ORIGIN_MESSAGE_ID, message.getMsgId());
        in.setHeader(RocketMQConstants.DEAD_LETTER_CONSUMER_GROUP, group);
        in.setHeader(RocketMQConstants.DEAD_LETTER_ATTEMPTS, message.getReconsumeTimes() + 1);
        String why = String.valueOf(failure);
        // a message's properties are limited (32 KiB with the rest): a long failure made the dead letter unsendable
        in.setHeader(RocketMQConstants.DEAD_LETTER_FAILURE, why.length() <= FAILURE_CHARS ? why
                : why.substring(0, FAILURE_CHARS));
    }

    @Override
    public void close() throws Exception {
        template.close();
    }
}

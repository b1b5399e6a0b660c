package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.rocketcamel.component.rocketmq.batch.BatchSplitter;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.rocketmq.common.message.Message;

/**
 * Builds the RocketMQ messages of an exchange: body, tags, keys, delay and user properties, with the
 * {@code CamelRocketMQ...} headers overriding the endpoint's options.
 */
final class OutgoingMessageFactory {

    private final RocketMQConfiguration configuration;
    private final OptionExpression keys;
    private final OptionExpression orderKey;
    private final HeaderMapper headers;

    OutgoingMessageFactory(RocketMQConfiguration configuration, OptionExpression keys, OptionExpression orderKey,
                           HeaderMapper headers) {
        this.configuration = configuration;
        this.keys = keys;
        this.orderKey = orderKey;
        this.headers = headers;
    }

    OutgoingMessages create(Exchange exchange, String topic, UnaryOperator<String> namespacer) throws InvalidPayloadException {
        org.apache.camel.Message in = exchange.getMessage();
        int delayLevel = delayLevel(in);
        long deliverTime = deliverTime(in);
        String key = valueOf(exchange, RocketMQConstants.ORDER_KEY, orderKey);
        Object body = in.getBody();
        if (!(body instanceof Iterable<?> elements)) {
            Message message = new Message(topic, MessageBodies.toBytes(exchange, body, configuration.getMaxMessageSize()));
            describe(exchange, message, delayLevel, deliverTime);
            return new OutgoingMessages(List.of(message), key, false);
        }
        List<Message> messages = new ArrayList<>();
        for (Object element : elements) {
            Message message = element instanceof Message given ? given
                    : new Message(topic, MessageBodies.toBytes(exchange, element, configuration.getMaxMessageSize()));
            message.setTopic(topic);
            describe(exchange, message, delayLevel, deliverTime);
            messages.add(message);
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("The body is an empty list: there is no message to send");
        }
        boolean delayed = delayLevel > 0 || deliverTime > 0;
        List<Message> units = delayed ? messages : BatchSplitter.split(messages, configuration.getMaxMessageSize(), namespacer);
        return new OutgoingMessages(units, key, true);
    }

    private void describe(Exchange exchange, Message message, int delayLevel, long deliverTime) {
        String tags = exchange.getMessage().getHeader(RocketMQConstants.TAGS, configuration.getTags(), String.class);
        if (tags != null && message.getTags() == null) {
            message.setTags(tags);
        }
        String messageKeys = valueOf(exchange, RocketMQConstants.KEYS, keys);
        if (messageKeys != null && message.getKeys() == null) {
            message.setKeys(messageKeys);
        }
        if (delayLevel > 0) {
            message.setDelayTimeLevel(delayLevel);
        } else if (deliverTime > 0) {
            message.setDeliverTimeMs(deliverTime);
        }
        headers.toUserProperties(exchange, message);
    }

    private int delayLevel(org.apache.camel.Message in) {
        Integer level = in.getHeader(RocketMQConstants.OVERRIDE_DELAY_LEVEL, Integer.class);
        if (level == null) {
            return configuration.getDelayLevel();
        }
        if (level < 0 || level > configuration.getDelayLevelCount()) {
            throw new IllegalArgumentException("Header " + RocketMQConstants.OVERRIDE_DELAY_LEVEL + "=" + level
                                               + " is out of range: valid levels are 1 to "
                                               + configuration.getDelayLevelCount() + ", or 0 for no delay");
        }
        return level;
    }

    private long deliverTime(org.apache.camel.Message in) {
        Long at = in.getHeader(RocketMQConstants.DELIVER_TIME, Long.class);
        if (at != null) {
            return at;
        }
        return configuration.getDelay() > 0 ? System.currentTimeMillis() + configuration.getDelay() : 0;
    }

    private static String valueOf(Exchange exchange, String header, OptionExpression option) {
        String value = exchange.getMessage().getHeader(header, String.class);
        if (value != null) {
            return value;
        }
        return option == null ? null : option.evaluate(exchange);
    }
}

package io.rocketcamel.component.rocketmq.consumer;

import java.util.Map;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.internal.ConsumedOrigin;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultMessage;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A consumed message as a Camel message. Its headers (a dozen CamelRocketMQ ones plus the user properties, each put
 * into Camel's case-insensitive map) are filled when the route first reads or changes them, as camel-jms does: a route
 * that only needs the body never pays for them.
 */
final class ConsumedMessage extends DefaultMessage implements ConsumedOrigin {

    private final MessageExt message;
    private final HeaderMapper mapper;

    ConsumedMessage(Exchange exchange, MessageExt message, HeaderMapper mapper) {
        super(exchange);
        this.message = message;
        this.mapper = mapper;
        setBody(message.getBody());
    }

    @Override
    public String consumedMessageId() {
        return message.getMsgId();
    }

    @Override
    public String consumedTags() {
        return message.getTags();
    }

    @Override
    public String consumedKeys() {
        return message.getKeys();
    }

    @Override
    public String consumedMessageGroup() {
        return message.getProperty(MessageConst.PROPERTY_SHARDING_KEY);
    }

    /** Copies (Camel's multicast, a copied exchange) keep the origin, not the consumed message with its body. */
    @Override
    public DefaultMessage newInstance() {
        return new CopiedConsumedMessage(getCamelContext(), consumedMessageId(), consumedTags(), consumedKeys(),
                consumedMessageGroup());
    }

    @Override
    protected boolean isPopulateHeadersSupported() {
        return true;
    }

    @Override
    protected void populateInitialHeaders(Map<String, Object> headers) {
        mapper.toHeaders(message, headers, getExchange());
        headers.put(RocketMQConstants.TOPIC, message.getTopic());
        putIfPresent(headers, RocketMQConstants.TAGS, message.getTags());
        putIfPresent(headers, RocketMQConstants.KEYS, message.getKeys());
        headers.put(RocketMQConstants.MESSAGE_ID, message.getMsgId());
        headers.put(RocketMQConstants.QUEUE_ID, message.getQueueId());
        headers.put(RocketMQConstants.QUEUE_OFFSET, message.getQueueOffset());
        putIfPresent(headers, RocketMQConstants.BROKER_NAME, message.getBrokerName());
        headers.put(RocketMQConstants.BORN_TIMESTAMP, message.getBornTimestamp());
        headers.put(RocketMQConstants.STORE_TIMESTAMP, message.getStoreTimestamp());
        headers.put(RocketMQConstants.RECONSUME_TIMES, message.getReconsumeTimes());
        headers.put(RocketMQConstants.DELAY_LEVEL, message.getDelayTimeLevel());
        putIfPresent(headers, RocketMQConstants.MESSAGE_GROUP, message.getProperty(MessageConst.PROPERTY_SHARDING_KEY));
    }

    /** As Message.setHeader does: a null value is no header (Camel's header maps may refuse nulls). */
    private static void putIfPresent(Map<String, Object> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}

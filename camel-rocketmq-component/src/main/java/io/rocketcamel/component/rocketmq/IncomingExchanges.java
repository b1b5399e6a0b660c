package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Fills a consumer's exchange from consumed messages: one message as body and headers, or several as a {@code List}
 * of Camel messages (which Camel's splitter splits back into messages with their headers).
 */
public final class IncomingExchanges {

    private final HeaderMapper headers;

    public IncomingExchanges(HeaderMapper headers) {
        this.headers = headers;
    }

    public void fill(Exchange exchange, List<MessageExt> consumed) {
        if (consumed.size() == 1) {
            describe(consumed.get(0), exchange.getIn(), exchange);
            return;
        }
        List<Message> batch = new ArrayList<>(consumed.size());
        for (MessageExt message : consumed) {
            Message camelMessage = new DefaultMessage(exchange);
            describe(message, camelMessage, exchange);
            batch.add(camelMessage);
        }
        exchange.getIn().setHeader(RocketMQConstants.TOPIC, consumed.get(0).getTopic());
        exchange.getIn().setBody(batch);
    }

    private void describe(MessageExt message, Message camelMessage, Exchange exchange) {
        camelMessage.setBody(message.getBody());
        headers.toHeaders(message, camelMessage, exchange);
        camelMessage.setHeader(RocketMQConstants.TOPIC, message.getTopic());
        camelMessage.setHeader(RocketMQConstants.TAGS, message.getTags());
        camelMessage.setHeader(RocketMQConstants.KEYS, message.getKeys());
        camelMessage.setHeader(RocketMQConstants.MESSAGE_ID, message.getMsgId());
        camelMessage.setHeader(RocketMQConstants.QUEUE_ID, message.getQueueId());
        camelMessage.setHeader(RocketMQConstants.QUEUE_OFFSET, message.getQueueOffset());
        camelMessage.setHeader(RocketMQConstants.BROKER_NAME, message.getBrokerName());
        camelMessage.setHeader(RocketMQConstants.BORN_TIMESTAMP, message.getBornTimestamp());
        camelMessage.setHeader(RocketMQConstants.STORE_TIMESTAMP, message.getStoreTimestamp());
        camelMessage.setHeader(RocketMQConstants.RECONSUME_TIMES, message.getReconsumeTimes());
        camelMessage.setHeader(RocketMQConstants.DELAY_LEVEL, message.getDelayTimeLevel());
    }
}

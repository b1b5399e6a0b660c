package io.rocketcamel.component.rocketmq.consumer;

import java.util.ArrayList;
import java.util.List;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Fills an exchange from consumed messages: one message as its body and headers, or a batch as a {@code List} of Camel
 * messages (which Camel's splitter splits back into messages with their headers).
 */
public final class ExchangeFiller {

    private final HeaderMapper headers;

    public ExchangeFiller(HeaderMapper headers) {
        this.headers = headers;
    }

    public void fillOne(Exchange exchange, MessageExt consumed) {
        exchange.setIn(new ConsumedMessage(exchange, consumed, headers));
    }

    /** A batch consumer's exchange: always a list, also of one message, so a route written for lists always gets one. */
    public void fillBatch(Exchange exchange, List<MessageExt> consumed) {
        List<Message> batch = new ArrayList<>(consumed.size());
        for (MessageExt message : consumed) {
            batch.add(new ConsumedMessage(exchange, message, headers));
        }
        exchange.getIn().setHeader(RocketMQConstants.TOPIC, consumed.get(0).getTopic());
        exchange.getIn().setBody(batch);
    }
}

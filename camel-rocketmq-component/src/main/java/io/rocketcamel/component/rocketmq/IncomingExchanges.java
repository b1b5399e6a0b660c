package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
            exchange.setIn(new ConsumedMessage(exchange, consumed.get(0), headers));
            return;
        }
        List<Message> batch = new ArrayList<>(consumed.size());
        for (MessageExt message : consumed) {
            batch.add(new ConsumedMessage(exchange, message, headers));
        }
        exchange.getIn().setHeader(RocketMQConstants.TOPIC, consumed.get(0).getTopic());
        exchange.getIn().setBody(batch);
    }
}

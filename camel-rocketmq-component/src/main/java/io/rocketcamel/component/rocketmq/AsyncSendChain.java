package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;

/**
 * Sends the messages of one exchange one after the other, each from the previous one's send callback, and then
 * continues the route: no thread waits for the broker.
 */
final class AsyncSendChain implements SendCallback {

    private final DefaultMQProducer client;
    private final OutgoingMessages outgoing;
    private final Exchange exchange;
    private final AsyncCallback callback;
    private final List<SendResult> results = new ArrayList<>();

    AsyncSendChain(DefaultMQProducer client, OutgoingMessages outgoing, Exchange exchange, AsyncCallback callback) {
        this.client = client;
        this.outgoing = outgoing;
        this.exchange = exchange;
        this.callback = callback;
    }

    void start() {
        sendNext();
    }

    @Override
    public void onSuccess(SendResult result) {
        results.add(result);
        if (results.size() < outgoing.units().size()) {
            sendNext();
        } else {
            SendResultHeaders.apply(exchange.getMessage(), results);
            callback.done(false);
        }
    }

    @Override
    public void onException(Throwable e) {
        exchange.setException(e);
        callback.done(false);
    }

    private void sendNext() {
        Message message = outgoing.units().get(results.size());
        try {
            if (outgoing.orderKey() == null) {
                client.send(message, this);
            } else {
                client.send(message, OrderKeyQueueSelector.INSTANCE, outgoing.orderKey(), this);
            }
        } catch (Exception e) {
            onException(e);
        }
    }
}

package io.rocketcamel.component.rocketmq.reply;

import io.rocketcamel.component.rocketmq.HeaderMapper;
import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.rocketmq.client.exception.RequestTimeoutException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.RequestCallback;
import org.apache.rocketmq.common.message.Message;

/**
 * Sends an InOut exchange as a RocketMQ request (RIP-16) and continues the route with the reply as its message; the
 * broker routes the reply back to this client, no reply topic or correlation is managed here.
 */
public final class RequestSender {

    private final DefaultMQProducer client;
    private final HeaderMapper headers;
    private final long timeoutMillis;

    public RequestSender(DefaultMQProducer client, HeaderMapper headers, long timeoutMillis) {
        this.client = client;
        this.headers = headers;
        this.timeoutMillis = timeoutMillis;
    }

    public void request(Exchange exchange, Message request, String orderKey, AsyncCallback callback) throws Exception {
        RequestCallback onReply = new RequestCallback() {
            @Override
            public void onSuccess(Message reply) {
                org.apache.camel.Message message = exchange.getMessage();
                message.setBody(reply.getBody());
                headers.toHeaders(reply, message, exchange);
                callback.done(false);
            }

            @Override
            public void onException(Throwable e) {
                exchange.setException(e instanceof RequestTimeoutException
                        ? new ExchangeTimedOutException(exchange, timeoutMillis,
                                "No reply to the request on topic " + request.getTopic() + " within requestTimeout="
                                                                          + timeoutMillis + "ms")
                        : e);
                callback.done(false);
            }
        };
        if (orderKey == null) {
            client.request(request, onReply, timeoutMillis);
        } else {
            client.request(request, OrderKeyQueueSelector.INSTANCE, orderKey, onReply, timeoutMillis);
        }
    }
}

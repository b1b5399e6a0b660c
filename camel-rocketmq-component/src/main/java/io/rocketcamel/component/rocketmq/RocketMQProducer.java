package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;

import io.rocketcamel.component.rocketmq.reply.RequestSender;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;

/**
 * Sends exchanges to the endpoint's topic (or the one in {@link RocketMQConstants#OVERRIDE_TOPIC}); InOut exchanges
 * are sent as requests and get the reply.
 */
public class RocketMQProducer extends DefaultAsyncProducer {

    private final RocketMQEndpoint endpoint;
    private final RocketMQConfiguration configuration;
    private final OutgoingMessageFactory messages;
    private final HeaderMapper headers;
    private DefaultMQProducer client;
    private RequestSender requests;

    public RocketMQProducer(RocketMQEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        this.headers = new HeaderMapper(configuration.getHeaderFilterStrategy());
        this.messages = new OutgoingMessageFactory(configuration, endpoint.getKeys(), endpoint.getOrderKey(), headers);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = RocketMQClients.producer(configuration, endpoint.producerGroup(), endpoint.nextInstanceName(true));
        client.start();
        requests = new RequestSender(client, headers, configuration.getRequestTimeout());
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            client.shutdown();
            client = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            Object topic = exchange.getMessage().removeHeader(RocketMQConstants.OVERRIDE_TOPIC);
            OutgoingMessages outgoing = messages.create(exchange, topic != null ? topic.toString() : endpoint.getTopicName(),
                    client::withNamespace);
            if (exchange.getPattern().isOutCapable()) {
                requests.request(exchange, singleRequest(outgoing), outgoing.orderKey(), callback);
                return false;
            }
            switch (configuration.getSendMode()) {
                case ASYNC -> {
                    new AsyncSendChain(client, outgoing, exchange, callback).start();
                    return false;
                }
                case ONEWAY -> sendOneway(outgoing);
                default -> SendResultHeaders.apply(exchange.getMessage(), sendSync(outgoing));
            }
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    private List<SendResult> sendSync(OutgoingMessages outgoing) throws Exception {
        List<SendResult> results = new ArrayList<>(outgoing.units().size());
        for (Message message : outgoing.units()) {
            results.add(outgoing.orderKey() == null
                    ? client.send(message)
                    : client.send(message, OrderKeyQueueSelector.INSTANCE, outgoing.orderKey()));
        }
        return results;
    }

    private void sendOneway(OutgoingMessages outgoing) throws Exception {
        for (Message message : outgoing.units()) {
            if (outgoing.orderKey() == null) {
                client.sendOneway(message);
            } else {
                client.sendOneway(message, OrderKeyQueueSelector.INSTANCE, outgoing.orderKey());
            }
        }
    }

    private static Message singleRequest(OutgoingMessages outgoing) {
        if (outgoing.fromList()) {
            throw new IllegalArgumentException(
                    "An InOut exchange is sent as one RocketMQ request and cannot carry a list body as a batch:"
                                               + " send it InOnly, or send one request per element");
        }
        return outgoing.units().get(0);
    }
}

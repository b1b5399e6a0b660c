package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import io.rocketcamel.component.rocketmq.batch.BatchingSender;
import io.rocketcamel.component.rocketmq.reply.RequestSender;
import io.rocketcamel.component.rocketmq.transaction.TransactionalSender;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;

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
    private TransactionalSender transactions;
    private ScheduledExecutorService lingerTimer;
    private BatchingSender batching;

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
        if (configuration.isTransactional()) {
            transactions = TransactionalSender.start(getEndpoint().getCamelContext(), endpoint.getComponent().groupProducers(),
                    configuration, endpoint.getTopicName(), endpoint.producerGroup(), () -> endpoint.nextInstanceName(true));
            return;
        }
        client = RocketMQClients.producer(configuration, endpoint.producerGroup(), endpoint.nextInstanceName(true));
        client.start();
        requests = new RequestSender(client, headers, configuration.getRequestTimeout());
        if (configuration.getBatchSize() > 1) {
            lingerTimer = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "RocketMQBatchLinger");
            batching = new BatchingSender(client, lingerTimer, configuration.getBatchSize(), configuration.getBatchLingerMs(),
                    configuration.getMaxMessageSize());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (transactions != null) {
            transactions.stop();
            transactions = null;
        }
        if (batching != null) {
            // batches already sent get their acknowledgement, as a send would
            batching.stop(configuration.getSendTimeout());
            batching = null;
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(lingerTimer);
        }
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
            String target = topic != null ? topic.toString() : endpoint.getTopicName();
            OutgoingMessages outgoing = messages.create(exchange, target, this::withNamespace);
            if (transactions != null) {
                transactions.send(exchange, outgoing);
            } else if (exchange.getPattern().isOutCapable()) {
                requests.request(exchange, singleRequest(outgoing), outgoing.orderKey(), callback);
                return false;
            } else if (batching != null && BatchingSender.accepts(outgoing)) {
                batching.add(exchange, outgoing, target, callback);
                return false;
            } else if (send(exchange, outgoing, callback)) {
                return false;
            }
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    /**
     * @return whether the exchange continues asynchronously
     */
    private boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        switch (configuration.getSendMode()) {
            case ASYNC -> {
                new AsyncSendChain(client, outgoing, exchange, callback).start();
                return true;
            }
            case ONEWAY -> sendOneway(outgoing);
            default -> SendResultHeaders.apply(exchange.getMessage(), sendSync(outgoing));
        }
        return false;
    }

    /** What the client's own withNamespace does; a transactional endpoint has no client of its own. */
    private String withNamespace(String resource) {
        return NamespaceUtil.wrapNamespace(configuration.getNamespace(), resource);
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

package io.rocketcamel.component.rocketmq;

import java.nio.file.Path;
import java.util.List;

import io.rocketcamel.component.rocketmq.broadcast.DirectoryOffsetStore;
import io.rocketcamel.component.rocketmq.reply.ReplySender;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.support.DefaultConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push consumer that hands each message (or batch) to the route and acknowledges it only when its exchange
 * completed without exception; otherwise RocketMQ redelivers it (ORDERLY: suspends the queue and retries in place)
 * up to {@code maxReconsumeTimes}, then moves it to the group's dead-letter topic.
 */
public class RocketMQConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(RocketMQConsumer.class);
    /** How long a stopping consumer lets in-flight exchanges finish before it persists offsets and closes. */
    private static final long IN_FLIGHT_GRACE_MILLIS = 30_000;

    private final RocketMQEndpoint endpoint;
    private final RocketMQConfiguration configuration;
    private final IncomingExchanges incoming;
    private final ReplySender replies;
    private DefaultMQPushConsumer client;

    public RocketMQConsumer(RocketMQEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        HeaderMapper headers = new HeaderMapper(configuration.getHeaderFilterStrategy());
        this.incoming = new IncomingExchanges(headers);
        this.replies = new ReplySender(
                () -> RocketMQClients.producer(configuration, "rocketcamel-reply-" + configuration.getConsumerGroup(),
                        endpoint.nextInstanceName(true)),
                headers, configuration.getMaxMessageSize());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        boolean broadcasting = configuration.getMessageModel() == MessageModel.BROADCASTING;
        String instanceName = endpoint.nextInstanceName(!broadcasting);
        client = RocketMQClients.consumer(configuration, instanceName);
        if (configuration.getSql() != null) {
            client.subscribe(endpoint.getTopicName(), MessageSelector.bySql(configuration.getSql()));
        } else {
            client.subscribe(endpoint.getTopicName(), configuration.getTags() != null ? configuration.getTags() : "*");
        }
        if (broadcasting) {
            client.setMessageModel(org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel.BROADCASTING);
            client.setOffsetStore(new DirectoryOffsetStore(offsetFile(instanceName)));
        }
        client.setConsumeFromWhere(org.apache.rocketmq.common.consumer.ConsumeFromWhere
                .valueOf("CONSUME_FROM_" + configuration.getConsumeFromWhere().name()));
        if (configuration.getConsumeTimestamp() != null) {
            client.setConsumeTimestamp(configuration.getConsumeTimestamp());
        }
        if (configuration.getConsumeFromWhere() == ConsumeFromWhere.TIMESTAMP && !broadcasting) {
            TimestampStartOffsetStore.install(client, RocketMQClients.rpcHook(configuration));
        }
        client.setMaxReconsumeTimes(configuration.getMaxReconsumeTimes());
        client.setConsumeMessageBatchMaxSize(configuration.getConsumeBatchSize());
        client.setPullBatchSize(Math.max(configuration.getPullBatchSize(), configuration.getConsumeBatchSize()));
        client.setConsumeThreadMin(configuration.getConsumeThreadMin());
        client.setConsumeThreadMax(configuration.getConsumeThreadMax());
        client.setConsumeTimeout(configuration.getConsumeTimeoutMinutes());
        client.setSuspendCurrentQueueTimeMillis(configuration.getSuspendMillis());
        client.setAwaitTerminationMillisWhenShutdown(IN_FLIGHT_GRACE_MILLIS);
        if (configuration.getConsumeMode() == ConsumeMode.ORDERLY) {
            client.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
                if (consume(messages)) {
                    return ConsumeOrderlyStatus.SUCCESS;
                }
                context.setSuspendCurrentQueueTimeMillis(configuration.getSuspendMillis());
                return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            });
        } else {
            client.registerMessageListener((MessageListenerConcurrently) (messages, context) -> consume(messages)
                    ? ConsumeConcurrentlyStatus.CONSUME_SUCCESS : ConsumeConcurrentlyStatus.RECONSUME_LATER);
        }
        client.start();
        if (!broadcasting) {
            RetryTopicWarmUp.startBeside(client);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (client != null) {
            client.shutdown();
            client = null;
        }
        replies.close();
        super.doStop();
    }

    @Override
    protected void doSuspend() throws Exception {
        if (client != null) {
            client.suspend();
        }
    }

    @Override
    protected void doResume() throws Exception {
        if (client != null) {
            client.resume();
        }
    }

    /**
     * @return whether the messages may be acknowledged
     */
    private boolean consume(List<MessageExt> messages) {
        Exchange exchange = createExchange(false);
        try {
            incoming.fill(exchange, messages);
            MessageExt first = messages.get(0);
            boolean request = messages.size() == 1 && ReplySender.isRequest(first);
            if (request) {
                exchange.setPattern(ExchangePattern.InOut);
            }
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                LOG.debug("Exchange {} failed, {} message(s) of {} will be redelivered", exchange.getExchangeId(),
                        messages.size(), endpoint.getTopicName());
                return false;
            }
            if (request) {
                reply(first, exchange);
            }
            return true;
        } catch (Exception e) {
            getExceptionHandler().handleException("Cannot consume from " + endpoint.getTopicName(), exchange, e);
            return false;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /**
     * A reply that cannot be sent leaves the request acknowledged: the route's work is done and redelivering the request
     * would do it twice; the requester times out instead.
     */
    private void reply(MessageExt request, Exchange exchange) {
        try {
            replies.reply(request, exchange);
        } catch (Exception e) {
            getExceptionHandler().handleException("Cannot reply to a request from " + endpoint.getTopicName(), exchange, e);
        }
    }

    private Path offsetFile(String instanceName) {
        String dir = configuration.getOffsetStoreDir() != null
                ? configuration.getOffsetStoreDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "rocketcamel-offsets").toString();
        return Path.of(dir, configuration.getConsumerGroup(), instanceName + ".json");
    }
}

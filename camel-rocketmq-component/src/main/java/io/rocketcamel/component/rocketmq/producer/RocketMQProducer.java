package io.rocketcamel.component.rocketmq.producer;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.RocketMQSendDynamicAware;
import io.rocketcamel.component.rocketmq.SendMode;
import io.rocketcamel.component.rocketmq.health.RocketMQProducerHealthCheck;
import io.rocketcamel.component.rocketmq.health.SendHealth;
import io.rocketcamel.component.rocketmq.internal.ClientActivity;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import io.rocketcamel.component.rocketmq.internal.PublishedTopics;
import io.rocketcamel.component.rocketmq.internal.RocketMQClients;
import io.rocketcamel.component.rocketmq.internal.TopicNames;
import io.rocketcamel.component.rocketmq.producer.lanes.LaneSender;
import io.rocketcamel.component.rocketmq.transaction.CheckBackThreads;
import io.rocketcamel.component.rocketmq.transaction.TransactionalSendPath;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.TransactionMQProducer;

/**
 * Sends exchanges to the endpoint's topic (or the one in {@link RocketMQConstants#OVERRIDE_TOPIC}). The send path is
 * chosen once, when the producer starts: transactional, automatic batching, or the sendMode's own; InOut exchanges
 * are requests whose reply becomes the exchange's message.
 */
public class RocketMQProducer extends DefaultAsyncProducer implements RouteIdAware {

    private final RocketMQEndpoint endpoint;
    private final RocketMQConfiguration configuration;
    private final HeaderMapper headers;
    private final OutgoingMessageFactory messages;
    private DefaultMQProducer client;
    private ClientActivity activity;
    private SendHealth sendHealth;
    private boolean ownsClient;
    private WritableHealthCheckRepository healthChecks;
    private RocketMQProducerHealthCheck healthCheck;
    /** Set by the route's to() before the start; none for a ProducerTemplate's or a toD's producer. */
    private String routeId;
    private ScheduledExecutorService laneTimer;
    private InOutThreads inOutThreads;
    /** A plain client's; a transactional endpoint's group client owns its own. */
    private CheckBackThreads checkBackThreads;
    private LaneSender lanes;
    private Recall recall;
    private SendPath inOnly;
    private SendPath inOut;

    public RocketMQProducer(RocketMQEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        this.headers = new HeaderMapper(configuration.getHeaderFilterStrategy());
        this.messages = new OutgoingMessageFactory(configuration, endpoint.getKeys(), endpoint.getOrderKey(),
                endpoint.getMessageGroup(), endpoint.getTags(), headers);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (configuration.isTransactional()) {
            // a transactional send is one half message whatever the pattern: no request-reply
            TransactionalSendPath transactional = TransactionalSendPath.start(endpoint, () -> endpoint.nextInstanceName());
            client = transactional.client();
            activity = transactional.activity();
            inOnly = transactional;
            inOut = transactional;
        } else {
            activity = RocketMQClients.activity(configuration);
            // the broker checks back with any client of the group: one sharing a transactional endpoint's group must
            // answer like that endpoint's client, or the check-backs it gets are lost
            checkBackThreads = endpoint.getComponent().groupProducers()
                    .checkBackThreads(endpoint.getCamelContext(), this, configuration, endpoint.producerGroup());
            TransactionMQProducer plain = RocketMQClients.transactionalProducer(configuration, endpoint.producerGroup(),
                    endpoint.nextInstanceName(), checkBackThreads.readingTransactions(activity), checkBackThreads);
            plain.setTransactionListener(endpoint.getComponent().groupProducers().checkBacksFor(configuration,
                    endpoint.producerGroup()));
            // with the endpoint's topic known from the start, its health tells a cluster it cannot reach before a
            // send does. A toD's endpoint topic holds its expressions: no topic to look up
            if (TopicNames.refusal(endpoint.getTopicName(), configuration.getNamespace(), "") == null) {
                PublishedTopics.add(plain, endpoint.getTopicName());
            }
            client = plain;
            client.start();
            ownsClient = true;
            chooseSendPaths();
        }
        recall = new Recall(client, configuration.getNamespace());
        sendHealth = SendHealth.of(client, configuration);
        healthChecks = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthChecks != null) {
            healthCheck = RocketMQProducerHealthCheck.addTo(healthChecks, routeId, endpoint, client, activity,
                    sendHealth);
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
        }
    }

    @SuppressWarnings("deprecation") // replyToTopic, Apache camel-rocketmq's request-reply
    private void chooseSendPaths() throws Exception {
        SendResults results = new SendResults(configuration.isRequireSendOk());
        boolean sendsAsynchronously = configuration.getBatchSize() > 1 || configuration.getSendMode() == SendMode.ASYNC;
        if (sendsAsynchronously) {
            laneTimer = UnboundedTimer.of(endpoint.getCamelContext().getExecutorServiceManager(), this,
                    "RocketMQSendLanes");
        }
        QueueChoice queues = new QueueChoice(client, laneTimer);
        if (sendsAsynchronously) {
            lanes = new LaneSender(queues, results, laneTimer, new LaneSender.Settings(configuration.getBatchSize(),
                    configuration.getBatchLinger(), configuration.getMaxMessageSize(), configuration.getSendBufferBytes(),
                    configuration.getSendTimeout(), configuration.getNamespace()));
        }
        SendPath direct = switch (configuration.getSendMode()) {
            case SYNC -> new SyncSendPath(queues, results);
            case ASYNC -> new AsyncSendPath(queues, results, lanes, configuration.getSendTimeout());
            case ONEWAY -> new OnewaySendPath(queues);
        };
        inOnly = configuration.getBatchSize() > 1 ? new BatchingSendPath(lanes, direct) : direct;
        inOutThreads = new InOutThreads(endpoint.getCamelContext().getExecutorServiceManager(), this);
        if (configuration.getReplyToTopic() == null) {
            inOut = new RequestReplySendPath(queues, headers, configuration.getRequestTimeout(), inOutThreads);
        } else {
            inOut = ReplyToTopicSendPath.start(queues, headers, configuration, inOutThreads,
                    endpoint.nextInstanceName(), endpoint.getTopicName(), endpoint.getComponent().routeWatches());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthChecks.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        if (inOnly != null) {
            inOnly.stop();
        }
        if (inOut != null && inOut != inOnly) {
            inOut.stop();
        }
        if (lanes != null) {
            lanes.stop();
            lanes = null;
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(laneTimer);
        }
        if (inOutThreads != null) {
            inOutThreads.stop();
            inOutThreads = null;
        }
        if (client != null && ownsClient) {
            PromptShutdown.of(client);
        }
        if (checkBackThreads != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(checkBackThreads);
            checkBackThreads = null;
        }
        client = null;
        ownsClient = false;
        inOnly = null;
        inOut = null;
        super.doStop();
    }

    @Override
    public String getRouteId() {
        return routeId;
    }

    @Override
    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ApacheHeaders.adopt(exchange.getMessage());
        PerSendHeaders sendHeaders = PerSendHeaders.take(exchange, endpoint.getEndpointKey());
        String override = sendHeaders.topic();
        SendHealth health = sendHealth;
        AsyncCallback completion = doneSync -> {
            Exception failure = exchange.getException();
            // a failure for a topic the exchange (or a message of its list) named is that exchange's, not the producer's
            health.record(failure, failure == null ? List.of() : sendHeaders.otherTopics(endpoint.getTopicName()));
            sendHeaders.completed(exchange, endpoint.getEndpointKey());
            callback.done(doneSync);
        };
        try {
            // named only when refused: a toD's topic is no header the route set
            String refusal = override == null ? null
                    : TopicNames.sendRefusal(override, configuration.getNamespace(), "");
            if (refusal != null) {
                throw new UnsendableMessageException(RocketMQSendDynamicAware.DynamicTopic.source(exchange, override)
                                                     + refusal);
            }
            String topic = override != null ? override : endpoint.getTopicName();
            if (Recall.requested(sendHeaders.operation())) {
                recall.recall(exchange, topic);
                completion.done(true);
                return true;
            }
            OutgoingMessages outgoing = messages.create(exchange, topic);
            SentMessage traced = SentMessage.expected(exchange);
            if (traced != null) {
                traced.sending(topic, outgoing);
            }
            SendPath path = exchange.getPattern().isOutCapable() ? inOut : inOnly;
            if (path.send(exchange, outgoing, completion)) {
                return false;
            }
        } catch (Exception e) {
            exchange.setException(e);
        }
        completion.done(true);
        return true;
    }
}

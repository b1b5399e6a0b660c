package io.rocketcamel.component.rocketmq.consumer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.rocketcamel.component.rocketmq.ConsumeFromWhere;
import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.consumer.offsets.BroadcastOffsetFile;
import io.rocketcamel.component.rocketmq.consumer.offsets.BrokerOffsetStore;
import io.rocketcamel.component.rocketmq.consumer.offsets.ClientStartOffsets;
import io.rocketcamel.component.rocketmq.consumer.offsets.DirectoryOffsetStore;
import io.rocketcamel.component.rocketmq.health.RocketMQConsumerHealthCheck;
import io.rocketcamel.component.rocketmq.internal.Causes;
import io.rocketcamel.component.rocketmq.internal.ClientActivity;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import io.rocketcamel.component.rocketmq.internal.Namespaces;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import io.rocketcamel.component.rocketmq.internal.RocketMQClients;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push consumer that hands each message (or batch) to the route and acknowledges it only when its exchange
 * completed without exception and was not marked rollback-only. What happens to a failed exchange depends on the
 * message model and consume mode, decided once at start by the listener it registers: {@link ClusteringListener},
 * {@link OrderlyListener}, {@link PopListener} or {@link BroadcastListener}. With manualAck the route decides, through
 * the acknowledgement in its exchange's headers.
 */
public class RocketMQConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(RocketMQConsumer.class);

    private final RocketMQEndpoint endpoint;
    private final RocketMQConfiguration configuration;
    private final ExchangeFiller filler;
    private final ReplySender replies;
    private DefaultMQPushConsumer client;
    private ClientActivity activity;
    private DeadLetterChannel deadLetters;
    private BroadcastListener broadcastListener;
    private BroadcastOffsetFile offsetFile;
    private BrokerOffsetStore brokerOffsets;
    private TopicRouteWatch routeWatch;
    private RouteRunner runner;
    private PopsInFlight pops;
    private AutoCloseable groupMembership;
    private volatile long startedMillis;

    public RocketMQConsumer(RocketMQEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        HeaderMapper headers = new HeaderMapper(configuration.getHeaderFilterStrategy());
        this.filler = new ExchangeFiller(headers);
        this.replies = new ReplySender(
                () -> RocketMQClients.producer(configuration, "rocketcamel-reply-" + configuration.getConsumerGroup(),
                        endpoint.nextInstanceName(), RocketMQClients.activity(configuration)),
                headers, configuration.getMaxMessageSize());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (client != null) {
            // Camel starts a consumer it suspended (a stop aborted after its timeout, a route started while a policy
            // held its consumer): a second client would join the group beside this one, which keeps its queues
            // (in ORDERLY, their locks) while it pulls nothing
            doResume();
            return;
        }
        groupMembership = GroupSubscriptions.register(configuration, endpoint.getTopicName(), getRouteId());
        try {
            startClient();
        } catch (Exception | Error e) {
            leaveGroup();
            throw e;
        }
    }

    private void startClient() throws Exception {
        replies.open();
        deadLetters = DeadLetterChannel.of(endpoint.getCamelContext(), configuration.getDeadLetterUri(), filler,
                configuration.getConsumerGroup());
        activity = RocketMQClients.activity(configuration);
        client = RocketMQClients.pushConsumer(configuration, endpoint.getTopicName(), endpoint.nextInstanceName(),
                activity);
        runner = new RouteRunner(this, filler, replies, configuration.getConsumeBatchSize() > 1,
                configuration.getRetryDelayLevel(), configuration.highestRetryDelayLevel(), manualAck(),
                configuration.isTransferException());
        ClientStartOffsets starts = new ClientStartOffsets(client);
        if (configuration.getMessageModel() == MessageModel.BROADCASTING) {
            offsetFile = BroadcastOffsetFile.claim(configuration, endpoint.getTopicName(), getRouteId(),
                    !getRoute().isCustomId());
            DirectoryOffsetStore offsets = new DirectoryOffsetStore(offsetFile.path(), starts);
            client.setOffsetStore(offsets);
            broadcastListener = new BroadcastListener(runner, deadLetters, offsets, configuration.getMaxReconsumeTimes(),
                    configuration.getSuspendTime(), configuration.getConsumerGroup(), client);
            client.registerMessageListener(broadcastListener);
        } else if (configuration.getConsumeMode() == ConsumeMode.ORDERLY) {
            client.registerMessageListener(new OrderlyListener(runner, deadLetters, configuration.getMaxReconsumeTimes(),
                    configuration.getSuspendTime(), Holding.whileAssigned(client), new RunningQueueLocks(client)));
        } else {
            ClusteringRedelivery redelivery = new ClusteringRedelivery(deadLetters, new DelayedRedelivery(client,
                    configuration.getNamespace(), configuration.getMaxReconsumeTimes()), configuration.getMaxReconsumeTimes());
            client.registerMessageListener(configuration.getConsumeMode() == ConsumeMode.POP
                    ? new PopListener(runner, redelivery)
                    : new ClusteringListener(runner, redelivery, Holding.whileAssigned(client)));
        }
        if (configuration.getMessageModel() == MessageModel.CLUSTERING) {
            brokerOffsets = BrokerOffsetStore.install(client, activity, starts,
                    configuration.getConsumeFromWhere() == ConsumeFromWhere.TIMESTAMP);
        }
        // the topic as the client names it, with the namespace
        String clientTopic = Namespaces.wrap(configuration, endpoint.getTopicName());
        if (configuration.getConsumeMode() == ConsumeMode.POP) {
            // A paused client does not rebalance. Its first rebalance comes a second after it was created, switched or
            // not: a broker still answering PULL then has it pull, and a pulled message running when the switch drops
            // the pulled queue is popped again from the group's offset, which it never passed.
            client.suspend();
        }
        try {
            client.start();
            if (brokerOffsets != null) {
                // the group's history, then the queues' ends (the starts' read, which the broker store makes)
                brokerOffsets.consumerStarted(clientTopic);
            } else {
                starts.consumerStarted(clientTopic);
            }
            if (configuration.getConsumeMode() == ConsumeMode.POP) {
                // before the group pops: the brokers would start it at each queue's last message then
                brokerOffsets.storeStarts(clientTopic);
                int brokers = PopGroupMode.switchOn(client, clientTopic, configuration.getNamesrvAddr());
                RocketMQClients.boundPops(client, configuration, brokers, endpoint::firstNotice);
                pops = PopsInFlight.watch(client);
                // started paused (above): its first rebalance, here, finds the group popping
                client.resume();
            }
            DefaultMQPushConsumer started = client;
            routeWatch = TopicRouteWatch.start(client, clientTopic, endpoint.getComponent().routeWatches(),
                    configuration.getPollNameServerInterval(), configuration.getConsumeMode() != ConsumeMode.POP
                            ? brokers -> { } : brokers -> PopGroupMode.switchOnJoined(started, clientTopic, brokers));
        } catch (Exception e) {
            PromptShutdown.of(client);
            throw new IllegalStateException("Cannot start the RocketMQ consumer of topic " + endpoint.getTopicName()
                                            + " (group " + configuration.getConsumerGroup() + ", namesrvAddr="
                                            + configuration.getNamesrvAddr() + "): " + Causes.describe(e), e);
        }
        startedMillis = System.currentTimeMillis();
        if (configuration.getMessageModel() == MessageModel.CLUSTERING) {
            RetryTopicWarmUp.startBeside(client);
        }
        GroupPeers.checkBeside(client, clientTopic, getRouteId());
        if (configuration.getMessageModel() == MessageModel.CLUSTERING && configuration.getConsumeMode() != ConsumeMode.POP) {
            PopRetryBacklog.warnBeside(client, clientTopic, getRouteId());
        }
        // the registry's consumers repository asks each HealthCheckAware consumer for its check
        if (HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "consumers",
                HealthCheckRepository.class) != null) {
            RocketMQConsumerHealthCheck check = new RocketMQConsumerHealthCheck(this, getRouteId());
            check.setEnabled(endpoint.getComponent().isHealthCheckConsumerEnabled());
            setHealthCheck(check);
        }
    }

    private void leaveGroup() throws Exception {
        if (groupMembership != null) {
            groupMembership.close();
            groupMembership = null;
        }
    }

    /**
     * manualAck's settings for the listener chosen at start: an ORDERLY queue is suspended for 30 s at most; a
     * CLUSTERING retry is a timer message, which the brokers refused past their limit, and the message then came back
     * after the broker's own delay instead of the one asked for; a BROADCASTING retry waits on its consume thread, and
     * a delay past a long's milliseconds threw out of the listener, which dropped the message.
     */
    private RouteRunner.ManualAck manualAck() {
        if (!configuration.isManualAck()) {
            return null;
        }
        Acknowledgement.DelayLimit limit;
        if (configuration.getConsumeMode() == ConsumeMode.ORDERLY) {
            limit = new Acknowledgement.DelayLimit(OrderlyListener.MAX_SUSPEND,
                    "an ORDERLY consumer suspends its queue for at most " + OrderlyListener.MAX_SUSPEND);
        } else {
            Duration max = Duration.ofMillis(configuration.getMaxDelay());
            limit = new Acknowledgement.DelayLimit(max, configuration.getMessageModel() == MessageModel.CLUSTERING
                    ? "the redelivery is a timer message, which the brokers refuse when due later than maxDelay=" + max
                      + " (their timerMaxDelaySec; set maxDelay to it when configured higher)"
                    : "a BROADCASTING consumer waits on its consume thread, as long as maxDelay=" + max + " at most, the"
                      + " longest delay of the other message models");
        }
        return new RouteRunner.ManualAck(configuration.getManualAckTimeout(), limit);
    }

    /**
     * Camel's stop after its timeout stops a consumer from two threads at once, the caller's and its shutdown task, which
     * it has just interrupted; the other waits for this one. On the interrupted one every wait here ended at once (the
     * POP runs, the confirmed commit, the client's grace for its consume threads): the stop failed and the client kept
     * running. It now stops alike on either, and the interrupt is restored once it is done.
     */
    @Override
    protected void doStop() throws Exception {
        boolean interrupted = Thread.interrupted();
        try {
            stopConsumer();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopConsumer() throws Exception {
        // the check stays: Camel asks it only while the route reads Started, which a route whose suspension outlasted
        // its timeout does once resumed, with this consumer stopped
        if (routeWatch != null) {
            routeWatch.stop();
            routeWatch = null;
        }
        if (runner != null) {
            runner.stop();
        }
        if (broadcastListener != null) {
            broadcastListener.stop();
            broadcastListener = null;
        }
        if (client != null) {
            if (pops != null) {
                awaitPopRuns();
                pops = null;
            }
            if (brokerOffsets != null) {
                brokerOffsets.stopping();
            }
            PromptShutdown.of(client);
            client = null;
            brokerOffsets = null;
        }
        if (offsetFile != null) {
            offsetFile.close();
            offsetFile = null;
        }
        if (deadLetters != null) {
            deadLetters.close();
            deadLetters = null;
        }
        replies.close();
        leaveGroup();
        super.doStop();
    }

    /**
     * POP: the RocketMQ client's shutdown neither waits for its POP consume threads nor lets them acknowledge: the
     * exchanges in flight (those held while the route was suspended among them) finish first, within the grace the
     * client gives its own consume threads, which is then shortened by the time spent here. The client stops popping
     * meanwhile, and the pops it has waiting at the brokers are answered while the consumer still hands their messages
     * back to the group ({@link PopsInFlight}).
     */
    private void awaitPopRuns() throws InterruptedException {
        client.suspend();
        long grace = client.getAwaitTerminationMillisWhenShutdown();
        long start = System.nanoTime();
        if (!runner.awaitIdle(grace)) {
            LOG.warn("Consumer of topic {} (group {}) stops with {} exchange(s) still running after {} ms: their messages"
                     + " are not acknowledged and come back to the group after popInvisibleTime", endpoint.getTopicName(),
                    configuration.getConsumerGroup(), runner.inProgress(), grace);
        } else if (!pops.awaitAnswered(Math.max(0, grace - elapsedMillis(start)))) {
            LOG.warn("Consumer of topic {} (group {}) stops with {} pop(s) still waiting at the brokers after {} ms:"
                     + " what they bring comes back to the group after popInvisibleTime, counted as an attempt",
                    endpoint.getTopicName(), configuration.getConsumerGroup(), pops.waiting(), grace);
        }
        client.setAwaitTerminationMillisWhenShutdown(Math.max(1, grace - elapsedMillis(start)));
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    protected void doSuspend() throws Exception {
        if (client != null) {
            runner.suspend();
            client.suspend();
        }
    }

    @Override
    protected void doResume() throws Exception {
        if (client != null) {
            client.resume();
            runner.resume();
        }
    }

    /** The running client, for the health check; {@code null} while stopped. */
    public DefaultMQPushConsumer client() {
        return client;
    }

    public long startedMillis() {
        return startedMillis;
    }

    /** What the running client heard from the cluster lately, for the health check. */
    public ClientActivity activity() {
        return activity;
    }
}

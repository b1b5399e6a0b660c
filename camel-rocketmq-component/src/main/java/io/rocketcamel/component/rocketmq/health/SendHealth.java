package io.rocketcamel.component.rocketmq.health;

import java.util.Collection;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.producer.SendStatusException;
import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.rocketmq.client.common.ClientErrorCode;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.producer.TopicPublishInfo;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/**
 * The outcome of a producer's recent sends, recorded as each exchange completes: the producer's health is down while
 * its sends fail for reasons of the cluster, until one succeeds or, without another failure, for
 * {@link ClientHealth#lately} of the heartbeat interval after the last one (readiness may stop the traffic: a check
 * that waited for a successful send would never see one). By then the client's own calls tell a cluster that is
 * away: its brokers have been silent for as long. An exchange that fails for the application's reasons (a bad body,
 * a request nobody answered, a local transaction that rolled back) or for this JVM's (a full send buffer) says nothing
 * about the cluster, nor does a send to a topic named by the exchange that the cluster does not serve: counting them
 * would take a healthy producer out of readiness.
 */
public final class SendHealth {

    private final long downNanos;
    private final Predicate<String> routed;
    private final LongSupplier nanoClock;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile Throwable lastFailure;
    private volatile long lastFailureNanos;

    /**
     * @param downMillis how long a failure keeps the producer down without another
     * @param routed     whether the client has a route for a topic (one an exchange named instead of the endpoint's)
     */
    SendHealth(long downMillis, Predicate<String> routed, LongSupplier nanoClock) {
        this.downNanos = TimeUnit.MILLISECONDS.toNanos(downMillis);
        this.routed = routed;
        this.nanoClock = nanoClock;
    }

    /** For a started client: down for as long as ClientHealth allows its brokers to be silent. */
    public static SendHealth of(DefaultMQProducer client, RocketMQConfiguration configuration) {
        return new SendHealth(ClientHealth.lately(configuration.getHeartbeatBrokerInterval()), topic -> {
            TopicPublishInfo route = client.getDefaultMQProducerImpl().getTopicPublishInfoTable()
                    .get(client.withNamespace(topic));
            return route != null && route.ok();
        }, System::nanoTime);
    }

    /**
     * An exchange's send completed.
     *
     * @param failure     its exception, {@code null} when it succeeded
     * @param otherTopics the topics the exchange (or the messages of its list body) named instead of the endpoint's
     */
    public void record(Throwable failure, Collection<String> otherTopics) {
        if (failure == null) {
            // read first: a write on every success would bounce this counter between the cores of concurrent callers
            if (failuresInARow.get() != 0) {
                failuresInARow.set(0);
            }
        } else if (ofTheCluster(failure) && !ofANamedTopic(failure, otherTopics)) {
            lastFailure = failure;
            lastFailureNanos = nanoClock.getAsLong();
            failuresInARow.incrementAndGet();
        }
    }

    /**
     * The client's errors (no route, refused, timed out, the broker's error codes), or a send the broker did not store
     * as asked: each names the cluster, wherever the component wrapped it. A message refused as illegal names the
     * message, though the broker's refusal is its cause; a send buffer that stayed full (the component's, or the
     * client's pool of asynchronous sends) names this JVM, though the client may wrap it in its own error.
     */
    static boolean ofTheCluster(Throwable failure) {
        boolean cluster = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnsendableMessageException || cause instanceof RejectedExecutionException) {
                return false;
            }
            cluster |= cause instanceof MQClientException || cause instanceof MQBrokerException
                       || cause instanceof RemotingException || cause instanceof SendStatusException;
        }
        return cluster;
    }

    /**
     * A send to topics the exchange named failed for one of them: the client has no route for it (no such topic, and
     * the brokers create none), or a broker answered that it has no such topic or may not write to it.
     */
    private boolean ofANamedTopic(Throwable failure, Collection<String> topics) {
        if (topics.isEmpty()) {
            return false;
        }
        for (String topic : topics) {
            if (!routed.test(topic)) {
                return true;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            int code = cause instanceof MQClientException client ? client.getResponseCode()
                    : cause instanceof MQBrokerException broker ? broker.getResponseCode() : -1;
            if (code == ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION || code == ResponseCode.TOPIC_NOT_EXIST
                || code == ResponseCode.NO_PERMISSION) {
                return true;
            }
        }
        return false;
    }

    /** Whether the last sends failed for the cluster's reasons, the last of them recently enough to count. */
    boolean down() {
        return failuresInARow.get() > 0 && nanoClock.getAsLong() - lastFailureNanos < downNanos;
    }

    int failuresInARow() {
        return failuresInARow.get();
    }

    Throwable lastFailure() {
        return lastFailure;
    }

    long millisSinceLastFailure() {
        return TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - lastFailureNanos);
    }

    long downMillis() {
        return TimeUnit.NANOSECONDS.toMillis(downNanos);
    }
}

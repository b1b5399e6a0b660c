package io.rocketcamel.component.rocketmq.transaction;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.consumer.ExchangeFiller;
import io.rocketcamel.component.rocketmq.internal.ClientActivity;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import io.rocketcamel.component.rocketmq.internal.PublishedTopics;
import io.rocketcamel.component.rocketmq.internal.RocketMQClients;
import org.apache.camel.CamelContext;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The transactional clients of a component, one per cluster, namespace and producer group, started by the first
 * endpoint of the group and shut down with its last one.
 */
public final class GroupProducers {

    /** Changed under this object's lock; read without it by check-backs arriving ({@link #checkBackThreads}). */
    private final Map<String, GroupProducer> groups = new ConcurrentHashMap<>();
    /** Of every client answering check-backs: transactional and plain. */
    private final Set<CheckBackThreads> checkBackThreads = new HashSet<>();

    synchronized GroupProducer acquire(CamelContext context, RocketMQConfiguration configuration, String group,
                                       String topic, Supplier<String> instanceName) throws MQClientException {
        String key = key(configuration, group);
        GroupProducer producer = groups.get(key);
        SharedClientSettings settings = SharedClientSettings.of(configuration);
        if (producer != null) {
            refuseOtherOptions(settings, producer, group, topic);
            PublishedTopics.addAndLookUp(producer.client(), topic);
        } else {
            ClientActivity activity = RocketMQClients.activity(configuration);
            CheckBackThreads checkBackThreads = checkBackThreads(context, this, configuration, group);
            TransactionMQProducer client = RocketMQClients.transactionalProducer(configuration, group, instanceName.get(),
                    checkBackThreads.readingTransactions(activity), checkBackThreads);
            producer = new GroupProducer(context, client, checkBackThreads, activity,
                    new ExchangeFiller(new HeaderMapper(configuration.getHeaderFilterStrategy())), settings);
            try {
                producer.start();
            } catch (MQClientException | RuntimeException e) {
                context.getExecutorServiceManager().shutdown(checkBackThreads);
                throw e;
            }
            // a client heartbeats only to brokers of topics it knows; a restarted application that has not sent yet
            // must still be known to the broker, or the check-backs for its predecessor's half messages find nobody
            PublishedTopics.addAndLookUp(client, topic);
            groups.put(key, producer);
        }
        producer.users++;
        return producer;
    }

    private static void refuseOtherOptions(SharedClientSettings joining, GroupProducer producer, String group,
                                           String topic) {
        List<String> differences = joining.differencesFrom(producer.settings());
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("Transactional endpoint of topic " + topic + " joins producerGroup " + group
                    + ", whose shared client was built with other options: " + String.join(", ", differences)
                    + ". The transactional endpoints of a producer group share one client (the broker checks back with"
                    + " any client of the group): give them the same options, or this endpoint a producerGroup of its"
                    + " own");
        }
    }

    private static String key(RocketMQConfiguration configuration, String group) {
        return configuration.getNamesrvAddr() + "|" + configuration.getNamespace() + "|" + group;
    }

    /**
     * The check-back answers of a non-transactional client of {@code group}: the broker checks back with any client
     * of a producer group, round robin, plain ones included, so a plain client answers with the group's
     * transactional client of this component (UNKNOWN when it has none, as an unanswered check-back would count).
     */
    public TransactionListener checkBacksFor(RocketMQConfiguration configuration, String group) {
        String key = key(configuration, group);
        return new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
                return LocalTransactionState.UNKNOW;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt message) {
                GroupProducer producer;
                synchronized (GroupProducers.this) {
                    producer = groups.get(key);
                }
                return producer == null ? LocalTransactionState.UNKNOW : producer.checkLocalTransaction(message);
            }
        };
    }

    /**
     * The pool a client of {@code group} answers the broker's check-backs on, counted in {@link #checkBackCounts()}
     * until it shuts down.
     */
    public CheckBackThreads checkBackThreads(CamelContext context, Object source, RocketMQConfiguration configuration,
                                             String group) {
        String key = key(configuration, group);
        CheckBackThreads threads = CheckBackThreads.of(context, source, configuration, group, transaction -> {
            // read without the lock, as a check-back arrives on the client's network thread
            GroupProducer producer = groups.get(key);
            return producer != null && producer.justEnded(transaction);
        }, this::shutDown);
        synchronized (this) {
            checkBackThreads.add(threads);
        }
        return threads;
    }

    private synchronized void shutDown(CheckBackThreads threads) {
        checkBackThreads.remove(threads);
    }

    /**
     * By group name, as consoles show them: the check-backs answered by the group's running transactional client
     * ({@link CheckBacks#byAnswer()}), then WAITING, those waiting for a check thread now, and DROPPED, those dropped
     * since its clients started, more than could wait: of every client of the group, plain ones included.
     */
    public synchronized Map<String, Map<String, Long>> checkBackCounts() {
        Map<String, Map<String, Long>> byGroup = new TreeMap<>();
        checkBacks().forEach((group, checkBacks) -> byGroup.put(group, withBacklog(checkBacks)));
        for (CheckBackThreads threads : checkBackThreads) {
            Map<String, Long> counts = byGroup.computeIfAbsent(threads.group(), group -> withBacklog(new CheckBacks()));
            counts.merge("WAITING", (long) threads.waiting(), Long::sum);
            counts.merge("DROPPED", threads.dropped(), Long::sum);
        }
        return byGroup;
    }

    /** The counts of {@link #checkBackCounts()} of a group none of whose clients answered or holds check-backs. */
    public static Map<String, Long> nothingCounted() {
        return withBacklog(new CheckBacks());
    }

    private static Map<String, Long> withBacklog(CheckBacks checkBacks) {
        Map<String, Long> counts = checkBacks.byAnswer();
        counts.put("WAITING", 0L);
        counts.put("DROPPED", 0L);
        return counts;
    }

    /** The check-backs answered by each producer group's running client, by group name. */
    public synchronized Map<String, CheckBacks> checkBacks() {
        Map<String, CheckBacks> byGroup = new TreeMap<>();
        groups.values().forEach(producer -> byGroup.put(producer.group(), producer.checkBacks()));
        return byGroup;
    }

    void release(GroupProducer producer) {
        synchronized (this) {
            if (--producer.users > 0) {
                return;
            }
            groups.values().remove(producer);
        }
        // outside the lock: a client takes seconds to shut down and other groups need not wait
        producer.shutdown();
    }
}

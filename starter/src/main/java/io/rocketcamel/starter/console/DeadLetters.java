package io.rocketcamel.starter.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.console.IndexQuery;
import io.rocketcamel.component.rocketmq.console.UnansweredBrokers;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import io.rocketcamel.component.rocketmq.internal.RocketMQClients;
import io.rocketcamel.starter.BrokerAdmin;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer group's dead letters (its {@code %DLQ%} topic): the newest ones, read without consuming them, and
 * re-sent to the group's retry topic, as a new message with the same body, tags, keys and user properties that the
 * group's consumers hand to their routes as a message of the topic it was consumed from (no other group gets it).
 * A dead letter stays in the dead-letter topic (RocketMQ deletes nothing); a console finds the copy any console
 * re-sent ({@link ResentCopies}) and remembers its own, so each dead letter is re-sent once, also when two requests
 * overlap (a second click, a second operator), one names it again, or it was re-sent from another replica or before a
 * restart; the copy keeps the message's id, as RocketMQ's redeliveries do.
 */
final class DeadLetters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final String PRODUCER_GROUP = "rocketcamel-console";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final BrokerAdmin admin;
    private final ConsoleProperties properties;
    private final Map<String, DefaultMQProducer> producers = new ConcurrentHashMap<>();
    /** By the dead letter's offset id: this console's re-sends, and those of others it found. */
    private final Map<String, Resent> resent = new ConcurrentHashMap<>();
    /** Dead letters a request is re-sending now: another (a second click, a second operator) leaves them alone. */
    private final Set<String> sending = ConcurrentHashMap.newKeySet();

    DeadLetters(BrokerAdmin admin, ConsoleProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    /** A re-send: the new message's id and topic, when. */
    record Resent(String messageId, String topic, Instant at) {
    }

    /** A dead letter and, when a console re-sent it, how. */
    record DeadLetter(StoredMessage message, Resent resent) {
    }

    /**
     * @param size       messages in the dead-letter topic on the brokers that answered
     * @param messages   the newest of them, newest first, at most max-messages
     * @param unanswered brokers that did not answer (by name: why): how many dead letters they hold, or whether a
     *                   dead letter was re-sent; a letter they may hold a copy of is shown not re-sent, and its
     *                   re-send is refused while they do not answer
     */
    record Page(String consumerGroup, String topic, long size, List<DeadLetter> messages,
                Map<String, String> unanswered) {
    }

    /** What a re-send did: each dead letter re-sent (by its offset id) and each that could not be, with the reason. */
    record Outcome(Map<String, Resent> resent, Map<String, String> failed) {
    }

    Page page(RocketMQConfiguration configuration, String group) throws Exception {
        List<DeadLetter> letters = new ArrayList<>();
        IndexLookups lookups = lookups(configuration);
        Newest newest = newest(configuration, group, lookups.silent());
        for (MessageExt message : newest.letters()) {
            StoredMessage stored = StoredMessage.of(message, configuration.getNamespace(), properties.getBodyPreview());
            Resent earlier;
            try {
                earlier = resentEarlier(lookups, configuration, group, message);
            } catch (IllegalStateException e) {
                // the page shows the letter; a re-send of it looks again, and refuses when it still cannot tell
                LOG.debug("Could not tell whether dead letter {} of group {} was re-sent", stored.offsetMessageId(),
                        group, e);
                earlier = null;
            }
            letters.add(new DeadLetter(stored, earlier));
        }
        return new Page(group, MixAll.getDLQTopic(group), newest.size(), letters, lookups.unanswered());
    }

    /**
     * @param topics    the topics the group's routes consume: a letter of another topic (an older release's, another
     *                  application's on the same group) would run in their route as a message of that topic
     * @param offsetIds the dead letters to re-send, by offset id; empty: every one shown that was not re-sent yet
     */
    Outcome resend(RocketMQConfiguration configuration, String group, Set<String> topics, Set<String> offsetIds)
            throws Exception {
        Map<String, Resent> done = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        IndexLookups lookups = lookups(configuration);
        List<MessageExt> letters = newest(configuration, group, lookups.silent()).letters();
        for (MessageExt letter : letters) {
            String id = StoredMessage.offsetId(letter);
            boolean named = offsetIds.contains(id);
            if (!named && !offsetIds.isEmpty()) {
                continue;
            }
            if (!sending.add(id)) {
                // "all" leaves it to the request that sends it; one naming it learns why it did not
                if (named) {
                    failed.put(id, "another request is re-sending it now");
                }
                continue;
            }
            try {
                // looked up once claimed: a request that ended meanwhile may have re-sent it
                Resent before = resentEarlier(lookups, configuration, group, letter);
                if (before != null) {
                    if (named) {
                        // a second click, the retry of a request that timed out, another replica's console: the route
                        // would get it again
                        failed.put(id, "re-sent already, as message " + before.messageId() + " at " + before.at());
                    }
                    continue;
                }
                Resent sent = send(configuration, group, topics, letter);
                resent.put(id, sent);
                done.put(id, sent);
                LOG.info("Re-sent dead letter {} of group {} to topic {} as message {}", id, group, sent.topic(),
                        sent.messageId());
            } catch (Exception e) {
                failed.put(id, e.getMessage());
                LOG.warn("Could not re-send dead letter {} of group {}: {}", id, group, e.getMessage());
            } finally {
                sending.remove(id);
            }
        }
        Map<String, String> unanswered = lookups.unanswered();
        String mayHold = unanswered.isEmpty() ? ""
                : "; " + UnansweredBrokers.describe(unanswered) + ": it may be theirs";
        offsetIds.stream().filter(id -> letters.stream().noneMatch(letter -> StoredMessage.offsetId(letter).equals(id)))
                .forEach(id -> failed.put(id, "not among the newest " + properties.getMaxMessages()
                                              + " dead letters of group " + group + mayHold));
        return new Outcome(done, failed);
    }

    /** This console's re-send, else one another console made, found in the group's retry topic and remembered. */
    private Resent resentEarlier(IndexLookups lookups, RocketMQConfiguration configuration, String group,
            MessageExt letter) {
        String id = StoredMessage.offsetId(letter);
        Resent known = resent.get(id);
        if (known != null) {
            return known;
        }
        Resent found;
        try {
            found = ResentCopies.first(lookups, configuration, group, letter);
        } catch (Exception e) {
            throw new IllegalStateException("could not tell whether a console re-sent it already, so it was not"
                                            + " re-sent: " + e.getMessage(), e);
        }
        if (found != null) {
            resent.putIfAbsent(id, found);
        }
        return found;
    }

    /** For one page or one request: a broker that does not answer is asked once. */
    private IndexLookups lookups(RocketMQConfiguration configuration) {
        return new IndexLookups(admin.client(configuration), BrokerAdmin.TIMEOUT_MILLIS);
    }

    private Resent send(RocketMQConfiguration configuration, String group, Set<String> topics, MessageExt letter)
            throws Exception {
        String topic = letter.getProperty(MessageConst.PROPERTY_RETRY_TOPIC);
        if (topic == null) {
            throw new IllegalStateException("the dead letter names no topic it was consumed from (no "
                                            + MessageConst.PROPERTY_RETRY_TOPIC + " property)");
        }
        // the dead letter names the topic as the brokers know it; the producer adds the namespace itself
        String original = StoredMessage.withoutNamespace(topic, configuration.getNamespace());
        if (!topics.contains(original)) {
            throw new IllegalStateException("it was consumed from topic " + original + ", which no route of group "
                                            + group + " consumes now (they consume " + topics + "): re-sent, it would"
                                            + " run in their route as a message of " + original + ". Send it to "
                                            + original + " again instead, knowing that every group of it gets it");
        }
        // to the group's retry topic, as a redelivery is: only this group consumes it again (every other group of the
        // topic handled the message already), and its consumers hand it on as a message of the original topic
        Message message = new Message(MixAll.getRetryTopic(group), letter.getTags(), letter.getKeys(), letter.getBody());
        letter.getProperties().forEach((name, value) -> {
            if (!MessageConst.STRING_HASH_SET.contains(name)) {
                message.putUserProperty(name, value);
            }
        });
        MessageAccessor.putProperty(message, MessageConst.PROPERTY_RETRY_TOPIC, topic);
        // the id the message had, as RocketMQ's own redeliveries keep it: a consumer that drops duplicates by id can
        String id = letter.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        if (id != null) {
            MessageAccessor.putProperty(message, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, id);
        }
        SendResult result = producer(configuration).send(message);
        if (result.getSendStatus() != SendStatus.SEND_OK) {
            throw new IllegalStateException("the broker answered " + result.getSendStatus());
        }
        // SEND_OK also when the broker stored the copy straight back in the dead-letter topic: it does so for every
        // send to a group's retry topic while any member of the group (another application's too) holds ORDERLY locks
        String storedIn = admin.client(configuration).viewMessage(message.getTopic(), result.getOffsetMsgId())
                .getTopic();
        if (storedIn.startsWith(MixAll.DLQ_GROUP_TOPIC_PREFIX)) {
            throw new IllegalStateException("the broker stored the copy straight back in " + storedIn + ": a member of"
                                            + " group " + group + " holds ORDERLY queue locks, and while it does every"
                                            + " retry of the group is dead-lettered. Send it to " + original + " again"
                                            + " instead, knowing that every group of it gets it");
        }
        return new Resent(result.getMsgId(), original, Instant.now());
    }

    /**
     * @param letters newest first, at most max-messages
     * @param size    messages in the dead-letter topic on the brokers that answered
     */
    private record Newest(List<MessageExt> letters, long size) {
    }

    /**
     * From every queue of the group's dead-letter topic on the brokers that answer; one that does not is added to
     * {@code silent} and its letters are left out.
     */
    private Newest newest(RocketMQConfiguration configuration, String group, UnansweredBrokers silent)
            throws Exception {
        DefaultMQAdminExt client = admin.client(configuration);
        String topic = MixAll.getDLQTopic(BrokerAdmin.wrap(configuration, group));
        BrokerAdmin.DeadLetterQueues queues = admin.deadLetterQueues(configuration, group, silent);
        int max = properties.getMaxMessages();
        List<MessageExt> messages = new ArrayList<>();
        for (Map.Entry<MessageQueue, TopicOffset> queue : queues.queues().entrySet()) {
            String broker = queue.getKey().getBrokerName();
            String address = queues.addresses().get(broker);
            if (address == null || silent.earlier(address) != null) {
                continue;
            }
            long end = queue.getValue().getMaxOffset();
            long from = Math.max(queue.getValue().getMinOffset(), end - max);
            try {
                messages.addAll(IndexQuery.fromBroker(broker,
                        BrokerReads.read(client, address, topic, queue.getKey().getQueueId(), from, end)));
            } catch (RemotingException e) {
                // it answered how many it holds, then stopped answering
                silent.record(broker, address, e.getMessage());
            }
        }
        messages.sort(Comparator.comparingLong(MessageExt::getStoreTimestamp).reversed());
        return new Newest(messages.size() > max ? messages.subList(0, max) : messages, queues.count());
    }

    /** The component's own kind of producer for the cluster: its options, credentials and namespace. */
    private DefaultMQProducer producer(RocketMQConfiguration configuration) {
        String key = configuration.getNamesrvAddr() + "|" + configuration.getAccessKey() + "|" + configuration.getNamespace();
        return producers.computeIfAbsent(key, k -> {
            DefaultMQProducer producer = RocketMQClients.producer(configuration, PRODUCER_GROUP,
                    "rocketcamel-console-" + INSTANCES.incrementAndGet() + "-" + ProcessHandle.current().pid(),
                    RocketMQClients.activity(configuration));
            try {
                producer.start();
            } catch (MQClientException e) {
                throw new IllegalStateException("Could not start the console's producer for " + configuration.getNamesrvAddr(), e);
            }
            return producer;
        });
    }

    @Override
    public void close() {
        producers.values().parallelStream().forEach(PromptShutdown::of);
        producers.clear();
    }
}

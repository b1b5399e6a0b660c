package io.rocketcamel.component.rocketmq.consumer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.MigrationAliases;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.internal.RocketMQClients;

/**
 * The routes of this JVM that consume with each consumer group (and the reply consumers of replyToTopic producers),
 * so that a route whose subscription differs from another's of its group fails its start instead of losing messages. RocketMQ requires every consumer of a group to
 * subscribe alike: the broker keeps one subscription per group and topic, the newest, and filters every pull with it
 * (a route subscribed to other tags gets messages filtered out, and its offsets move past them), and it shares each
 * topic's queues among all the group's consumers, also one that never reads that topic (whose share is never
 * consumed). Each route has a client of its own (their instance names differ), so RocketMQ's client does not refuse a
 * second consumer of a group in one JVM, and routes subscribed alike may share a group to share its queues.
 * Consumers of the group in other JVMs cannot be seen here.
 */
public final class GroupSubscriptions {

    /** Guarded by itself; by name server, namespace and group. */
    private static final Map<String, List<Member>> LIVE = new HashMap<>();

    private GroupSubscriptions() {
    }

    /**
     * @return the registration, to close when the consumer stops
     * @throws IllegalArgumentException naming both routes and what differs, when another route of this JVM consumes
     *                                  with the group and subscribes otherwise
     */
    static AutoCloseable register(RocketMQConfiguration configuration, String topic, String routeId) {
        return register(configuration, topic, "route " + routeId, "this route a consumerGroup");
    }

    /**
     * The reply consumer of a replyToTopic producer, whose group the user names too.
     *
     * @param settings the reply consumer's configuration (its group, CLUSTERING, CONCURRENTLY, every tag)
     * @param producerTopic the topic the producer sends its requests to
     */
    public static AutoCloseable registerReplies(RocketMQConfiguration settings, String replyTopic, String producerTopic) {
        return register(settings, replyTopic, "the reply consumer of rocketmq:" + producerTopic + " (replyToTopic="
                + replyTopic + ")", "its replyToConsumerGroup a group");
    }

    private static AutoCloseable register(RocketMQConfiguration configuration, String topic, String who, String remedy) {
        String group = configuration.getConsumerGroup();
        String key = configuration.getNamesrvAddr() + "|" + configuration.getNamespace() + "|" + group;
        Member member = new Member(who, Subscription.of(configuration, topic));
        synchronized (LIVE) {
            List<Member> members = LIVE.computeIfAbsent(key, k -> new ArrayList<>());
            for (Member other : members) {
                if (!other.subscription().equals(member.subscription())) {
                    throw new IllegalArgumentException(Character.toUpperCase(who.charAt(0)) + who.substring(1)
                            + " cannot consume with consumerGroup=" + group + " (" + member.subscription() + "): "
                            + other.who() + " of this JVM consumes with that group (" + other.subscription() + ")."
                            + " RocketMQ keeps one subscription per group and shares each topic's queues among all the"
                            + " group's consumers, so consumers of one group must subscribe alike (topic, tags or sql,"
                            + " messageModel, consumeMode), or messages are lost: give " + remedy + " of its own");
                }
            }
            members.add(member);
        }
        return () -> {
            synchronized (LIVE) {
                List<Member> members = LIVE.get(key);
                members.remove(member);
                if (members.isEmpty()) {
                    LIVE.remove(key);
                }
            }
        };
    }

    /** Two members alike are interchangeable: a stop may remove either. */
    private record Member(String who, Subscription subscription) {
    }

    /** What the broker and the rebalance need alike across a group's consumers; tags as a set, as the broker reads them. */
    private record Subscription(String topic, Set<String> tags, String sql, MessageModel model, ConsumeMode mode) {

        static Subscription of(RocketMQConfiguration configuration, String topic) {
            String sql = configuration.getSql();
            Set<String> tags = new TreeSet<>();
            if (sql == null) {
                String expression = RocketMQClients.subscriptionTags(MigrationAliases.subscriptionTags(configuration));
                Arrays.stream(expression.split(" \\|\\| ")).filter(tag -> !tag.equals("*")).forEach(tags::add);
            }
            return new Subscription(topic, tags, sql, configuration.getMessageModel(), configuration.getConsumeMode());
        }

        @Override
        public String toString() {
            String filter = sql != null ? "sql=" + sql : tags.isEmpty() ? "every tag" : "tags=" + String.join(",", tags);
            return "topic " + topic + ", " + filter + ", " + model + ", " + mode;
        }
    }
}

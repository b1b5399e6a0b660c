package io.rocketcamel.starter.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.starter.BrokerAdmin;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Finds stored messages through the brokers' index: by key (the keys a producer set, such as {@code db.products.42})
 * or by message id (the client's unique id, or the broker's offset id). The index is per topic, so a look-up asks
 * each topic it is given; what it found comes with the brokers that did not answer, which may hold more.
 */
final class MessageLookup {

    private final BrokerAdmin admin;
    private final ConsoleProperties properties;

    MessageLookup(BrokerAdmin admin, ConsoleProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    /**
     * What a look-up found, the brokers that did not answer it (by name: why), and the topics the name servers know no
     * route for (without the namespace).
     */
    record Result(List<StoredMessage> messages, Map<String, String> unanswered, Set<String> missingTopics) {
    }

    /** The messages with the key, newest first, at most max-messages. */
    Result byKey(RocketMQConfiguration configuration, List<String> topics, String key) throws Exception {
        IndexLookups lookups = lookups(configuration);
        List<StoredMessage> found = new ArrayList<>();
        for (String topic : topics) {
            lookups.byKey(BrokerAdmin.wrap(configuration, topic), key, properties.getMaxMessages()).messages()
                    .forEach(message -> found.add(stored(configuration, message)));
        }
        return result(configuration, found, lookups);
    }

    /**
     * The message with the id, from the first of the topics that has it: by offset id the one message, by the client's
     * id each stored copy (a producer's retry after a lost answer stores two).
     */
    Result byId(RocketMQConfiguration configuration, List<String> topics, String id) throws Exception {
        IndexLookups lookups = lookups(configuration);
        for (String topic : topics) {
            String wrapped = BrokerAdmin.wrap(configuration, topic);
            Optional<MessageExt> atOffset = lookups.byOffsetId(wrapped, id);
            List<MessageExt> found = atOffset.isPresent() ? List.of(atOffset.get())
                    : lookups.byUniqueKey(wrapped, id, 0).messages();
            if (!found.isEmpty()) {
                return result(configuration, found.stream().map(message -> stored(configuration, message)).toList(),
                        lookups);
            }
        }
        return result(configuration, List.of(), lookups);
    }

    private Result result(RocketMQConfiguration configuration, List<StoredMessage> found, IndexLookups lookups) {
        List<StoredMessage> newest = found.stream().sorted(Comparator.comparing(StoredMessage::storeTime).reversed())
                .limit(properties.getMaxMessages()).toList();
        Set<String> missing = lookups.missingTopics().stream()
                .map(topic -> StoredMessage.withoutNamespace(topic, configuration.getNamespace()))
                .collect(Collectors.toCollection(TreeSet::new));
        return new Result(newest, lookups.unanswered(), missing);
    }

    private IndexLookups lookups(RocketMQConfiguration configuration) {
        return new IndexLookups(admin.client(configuration), BrokerAdmin.TIMEOUT_MILLIS);
    }

    private StoredMessage stored(RocketMQConfiguration configuration, MessageExt message) {
        return StoredMessage.of(message, configuration.getNamespace(), properties.getBodyPreview());
    }
}

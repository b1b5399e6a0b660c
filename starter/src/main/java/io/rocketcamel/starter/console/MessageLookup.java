package io.rocketcamel.starter.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.starter.BrokerAdmin;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Finds stored messages through the brokers' index: by key (the keys a producer set, such as {@code db.products.42})
 * or by message id (the client's unique id, or the broker's offset id). The index is per topic, so a look-up asks
 * each topic it is given.
 */
final class MessageLookup {

    private final BrokerAdmin admin;
    private final ConsoleProperties properties;

    MessageLookup(BrokerAdmin admin, ConsoleProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    /** The messages with the key, newest first, at most max-messages. */
    List<StoredMessage> byKey(RocketMQConfiguration configuration, List<String> topics, String key) throws Exception {
        List<StoredMessage> found = new ArrayList<>();
        for (String topic : topics) {
            try {
                QueryResult result = admin.client(configuration).queryMessage(BrokerAdmin.wrap(configuration, topic), key,
                        properties.getMaxMessages(), 0, Long.MAX_VALUE);
                result.getMessageList().forEach(message -> found.add(stored(configuration, message)));
            } catch (MQClientException e) {
                if (!BrokerReads.nothingFound(e)) {
                    throw e;
                }
            }
        }
        found.sort(Comparator.comparing(StoredMessage::storeTime).reversed());
        return found.size() > properties.getMaxMessages() ? found.subList(0, properties.getMaxMessages()) : found;
    }

    /** The message with the id, in the first of the topics that has it. */
    List<StoredMessage> byId(RocketMQConfiguration configuration, List<String> topics, String id) throws Exception {
        for (String topic : topics) {
            try {
                MessageExt message = admin.client(configuration).viewMessage(BrokerAdmin.wrap(configuration, topic), id);
                if (message != null) {
                    return List.of(stored(configuration, message));
                }
            } catch (MQClientException e) {
                if (!BrokerReads.nothingFound(e)) {
                    throw e;
                }
            }
        }
        return List.of();
    }

    private StoredMessage stored(RocketMQConfiguration configuration, MessageExt message) {
        return StoredMessage.of(message, configuration.getNamespace(), properties.getBodyPreview());
    }
}

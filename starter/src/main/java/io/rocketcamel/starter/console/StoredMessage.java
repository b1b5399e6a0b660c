package io.rocketcamel.starter.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;

/**
 * A message as the broker stored it, for look-ups and dead letters.
 *
 * @param messageId       the id producers and consumers see (the client's unique id)
 * @param offsetMessageId the broker's id: store address and commit-log offset
 * @param topic           without the namespace
 * @param properties      the user properties (the Camel headers the producer sent); RocketMQ's own are fields here
 * @param originalTopic   for a dead letter: the topic it was consumed from
 * @param bodyPreview     the body as UTF-8 text, cut at the console's body-preview length
 */
record StoredMessage(String messageId, String offsetMessageId, String topic, String brokerName, int queueId,
        long queueOffset, Instant storeTime, Instant bornTime, String tags, String keys, int reconsumeTimes,
        Map<String, String> properties, String originalTopic, int bodySize, String bodyPreview) {

    static StoredMessage of(MessageExt message, String namespace, int previewChars) {
        Map<String, String> user = new TreeMap<>();
        message.getProperties().forEach((name, value) -> {
            if (!MessageConst.STRING_HASH_SET.contains(name)) {
                user.put(name, value);
            }
        });
        String uniqueId = message.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        byte[] body = message.getBody() == null ? new byte[0] : message.getBody();
        String retryTopic = message.getProperty(MessageConst.PROPERTY_RETRY_TOPIC);
        return new StoredMessage(uniqueId != null ? uniqueId : message.getMsgId(), offsetId(message),
                withoutNamespace(message.getTopic(), namespace), message.getBrokerName(), message.getQueueId(),
                message.getQueueOffset(), Instant.ofEpochMilli(message.getStoreTimestamp()),
                Instant.ofEpochMilli(message.getBornTimestamp()), message.getTags(), message.getKeys(),
                message.getReconsumeTimes(), user, retryTopic == null ? null : withoutNamespace(retryTopic, namespace),
                body.length, preview(body, previewChars));
    }

    /** A message the broker answered with carries the offset id; a client's own may carry its unique id instead. */
    static String offsetId(MessageExt message) {
        return message instanceof MessageClientExt client ? client.getOffsetMsgId() : message.getMsgId();
    }

    private static String preview(byte[] body, int chars) {
        String text = new String(body, 0, Math.min(body.length, chars * 4), StandardCharsets.UTF_8);
        if (text.length() > chars) {
            text = text.substring(0, chars) + "…";
        }
        // control characters would garble the page's table
        return text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "·");
    }

    static String withoutNamespace(String name, String namespace) {
        return namespace == null || namespace.isEmpty() ? name : NamespaceUtil.withoutNamespace(name, namespace);
    }
}

package io.rocketcamel.component.rocketmq.internal;

import org.apache.rocketmq.common.topic.TopicValidator;

/**
 * The broker refuses a topic it cannot store (characters, length with the namespace) only when a message is sent to
 * it, and a consumer of one waits for messages that never come: topics are checked before either.
 */
public final class TopicNames {

    private TopicNames() {
    }

    /**
     * @param source what named the topic, for the error: "Topic" for an endpoint's, "Header ...=" for a header's
     */
    public static void check(String topic, String namespace, String source) {
        String stored = Namespaces.wrap(namespace, topic);
        TopicValidator.ValidateResult result = TopicValidator.validateTopic(stored);
        if (!result.isValid()) {
            throw new IllegalArgumentException(source + topic + (stored.equals(topic) ? "" : " (" + stored
                                               + " with its namespace)") + " is refused by RocketMQ: " + result.getRemark());
        }
    }
}

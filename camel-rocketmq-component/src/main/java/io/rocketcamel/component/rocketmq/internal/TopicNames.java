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
        String refusal = refusal(topic, namespace, source);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /** Why RocketMQ refuses the topic, or null when it takes it. */
    public static String refusal(String topic, String namespace, String source) {
        String stored = Namespaces.wrap(namespace, topic);
        TopicValidator.ValidateResult result = TopicValidator.validateTopic(stored);
        if (result.isValid()) {
            return null;
        }
        String named = stored.equals(topic) ? topic : topic + " (" + stored + " with its namespace)";
        return source + named + " is refused by RocketMQ: " + result.getRemark();
    }

    /**
     * Why a producer may not send to the topic, or null when it may: RocketMQ refuses it, or it is one of RocketMQ's
     * own. The client refused the first send to a schedule or transaction topic with an error a route took for a
     * passing one and retried, and the broker stored an application's message among its timer wheel's or traces'.
     */
    public static String sendRefusal(String topic, String namespace, String source) {
        String refusal = refusal(topic, namespace, source);
        if (refusal != null) {
            return refusal;
        }
        // the name as given: RocketMQ's namespaces leave its own topics unwrapped, and wrap no other name into one
        if (!TopicValidator.isSystemTopic(topic) && !TopicValidator.isNotAllowedSendTopic(topic)) {
            return null;
        }
        return source + topic + " is one of RocketMQ's own topics, which an application does not send to: the client"
               + " refuses some, and the broker keeps its schedule, timer, transaction and trace records in the others;"
               + " send to a topic of your own";
    }
}

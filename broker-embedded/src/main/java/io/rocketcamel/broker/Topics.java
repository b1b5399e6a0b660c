package io.rocketcamel.broker;

import org.apache.rocketmq.common.topic.TopicValidator;

/** Topic names and queue counts, checked before anything is sent to a broker. */
final class Topics {

    /**
     * A cloud region's trace topic (rmq_sys_TRACE_DATA_region), which clients with accessChannel=CLOUD trace to and no
     * broker creates on its own: a test of such tracing creates it.
     */
    private static final String CLOUD_TRACE_TOPICS = "rmq_sys_TRACE_DATA_";

    private Topics() {
    }

    static void validate(String topic, int queues) {
        if (topic == null || !topic.matches("[%|a-zA-Z0-9_-]{1,127}")) {
            throw new IllegalArgumentException("Invalid topic name '" + topic
                    + "': 1-127 characters of letters, digits, '-', '_', '%' or '|'");
        }
        if ((TopicValidator.isSystemTopic(topic) || TopicValidator.isNotAllowedSendTopic(topic))
            && !topic.startsWith(CLOUD_TRACE_TOPICS)) {
            // RocketMQ's admin refuses them; created here, TBW102 lost the inherit permission that a broker's topic
            // auto-creation copies, and every send to a new topic failed
            throw new IllegalArgumentException("Topic '" + topic + "' is one of RocketMQ's own topics: create a topic"
                                               + " of your own");
        }
        if (queues < 1 || queues > 1024) {
            throw new IllegalArgumentException("Topic '" + topic + "' needs 1..1024 queues, was " + queues);
        }
    }
}

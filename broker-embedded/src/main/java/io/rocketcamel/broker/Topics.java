package io.rocketcamel.broker;

/** Topic names and queue counts, checked before anything is sent to a broker. */
final class Topics {

    private Topics() {
    }

    static void validate(String topic, int queues) {
        if (topic == null || !topic.matches("[%|a-zA-Z0-9_-]{1,127}")) {
            throw new IllegalArgumentException("Invalid topic name '" + topic
                    + "': 1-127 characters of letters, digits, '-', '_', '%' or '|'");
        }
        if (queues < 1 || queues > 1024) {
            throw new IllegalArgumentException("Topic '" + topic + "' needs 1..1024 queues, was " + queues);
        }
    }
}

package io.rocketcamel.component.rocketmq.console;

import org.apache.camel.util.json.JsonObject;

/**
 * One queue of a consumer group's topic (or its retry topic).
 *
 * @param brokerOffset   the offset the next message stored in the queue gets
 * @param consumerOffset the group's committed offset in the queue (RocketMQ 5 brokers report 0 until the group commits
 *                       one; older brokers -1)
 * @param lag            messages between the two; 0 when the broker reports no committed offset
 */
public record QueueLag(String topic, String brokerName, int queueId, long brokerOffset, long consumerOffset, long lag) {

    public JsonObject toJson() {
        return Json.of(this);
    }
}

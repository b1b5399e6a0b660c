package io.rocketcamel.component.rocketmq;

/**
 * How the consumers of one group share a topic.
 */
public enum MessageModel {
    /** The consumers of a group share the queues; each message goes to one of them. */
    CLUSTERING(org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel.CLUSTERING),
    /** Every consumer of the group gets every message. */
    BROADCASTING(org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel.BROADCASTING);

    private final org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel clientValue;

    MessageModel(org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel clientValue) {
        this.clientValue = clientValue;
    }

    /** The RocketMQ client's value. */
    public org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel clientValue() {
        return clientValue;
    }
}

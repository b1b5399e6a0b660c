package io.rocketcamel.component.rocketmq;

/**
 * How the consumers of one group share a topic.
 */
public enum MessageModel {
    /** The consumers of a group share the queues; each message goes to one of them. */
    CLUSTERING,
    /** Every consumer of the group gets every message. */
    BROADCASTING
}

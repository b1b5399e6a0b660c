package io.rocketcamel.component.rocketmq;

/**
 * How a consumer's messages are handed to the route.
 */
public enum ConsumeMode {
    /** Messages of a queue are processed by several threads at once. */
    CONCURRENTLY,
    /** One thread per queue at a time, in queue order; a failure blocks its queue until retried. */
    ORDERLY,
    /**
     * RocketMQ 5 POP: the broker hands out messages one batch at a time to whichever consumer of the group asks, so
     * more consumers than queues all work and a slow consumer holds only the messages it popped.
     */
    POP
}

package io.rocketcamel.starter;

/** Names of the starter's Micrometer meters (documented in docs/spring-boot.md). */
public final class RocketMQMeters {

    public static final String SENT = "rocketmq.messages.sent";
    public static final String SEND_FAILED = "rocketmq.messages.send.failed";
    public static final String SEND_LATENCY = "rocketmq.send.latency";
    public static final String CONSUMED = "rocketmq.messages.consumed";
    public static final String CONSUME_FAILED = "rocketmq.messages.consume.failed";
    public static final String RETRIED = "rocketmq.messages.retried";
    public static final String LAG = "rocketmq.consumer.lag";
    public static final String DEAD_LETTERS = "rocketmq.dlq.size";

    private RocketMQMeters() {
    }
}

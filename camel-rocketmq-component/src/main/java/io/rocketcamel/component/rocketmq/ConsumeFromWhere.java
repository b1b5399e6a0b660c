package io.rocketcamel.component.rocketmq;

/**
 * Where a consumer group with no stored offset starts reading.
 */
public enum ConsumeFromWhere {
    LAST_OFFSET(org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET),
    FIRST_OFFSET(org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET),
    /** From the time given by the {@code consumeTimestamp} option. */
    TIMESTAMP(org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);

    private final org.apache.rocketmq.common.consumer.ConsumeFromWhere clientValue;

    ConsumeFromWhere(org.apache.rocketmq.common.consumer.ConsumeFromWhere clientValue) {
        this.clientValue = clientValue;
    }

    /** The RocketMQ client's value. */
    public org.apache.rocketmq.common.consumer.ConsumeFromWhere clientValue() {
        return clientValue;
    }
}

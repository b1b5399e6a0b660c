package io.rocketcamel.component.rocketmq.consumer.offsets;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.MQAdminImpl;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Where a consumer with no stored offset starts on a queue, decided as the 5.5 client's push rebalance decides it for
 * its consumeFromWhere: the end of the queue (LAST_OFFSET), its beginning (FIRST_OFFSET), or the first message stored
 * at or after consumeTimestamp (TIMESTAMP). Asked only while the consumer runs, so its client instance exists.
 */
public final class ClientStartOffsets implements DirectoryOffsetStore.StartOffsets {

    private final DefaultMQPushConsumer consumer;

    public ClientStartOffsets(DefaultMQPushConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public long startOffset(MessageQueue mq) throws MQClientException {
        MQAdminImpl admin = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().getMQAdminImpl();
        return switch (consumer.getConsumeFromWhere()) {
            case CONSUME_FROM_FIRST_OFFSET -> 0L;
            case CONSUME_FROM_TIMESTAMP -> admin.searchOffset(mq,
                    UtilAll.parseDate(consumer.getConsumeTimestamp(), UtilAll.YYYYMMDDHHMMSS).getTime());
            default -> admin.maxOffset(mq);
        };
    }
}

package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Message;
import org.apache.rocketmq.client.producer.SendResult;

/**
 * Puts the outcome of a send on the exchange: ids and position of the (last) stored message, and the full results.
 */
public final class SendResultHeaders {

    private SendResultHeaders() {
    }

    public static void apply(Message message, List<SendResult> results) {
        SendResult last = results.get(results.size() - 1);
        put(message, results.stream().map(SendResult::getMsgId).collect(Collectors.joining(",")), last,
                last.getQueueOffset(), results.size() == 1 ? last : List.copyOf(results));
    }

    /**
     * The outcome for one message of a batch that several exchanges shared: its own id and queue offset (a batch is
     * stored contiguously from the result's offset), the batch's queue, status and full result.
     */
    public static void applyBatchEntry(Message message, SendResult batch, String messageId, int index) {
        put(message, messageId, batch, batch.getQueueOffset() + index, batch);
    }

    private static void put(Message message, String messageId, SendResult result, long queueOffset, Object fullResult) {
        message.setHeader(RocketMQConstants.MESSAGE_ID, messageId);
        message.setHeader(RocketMQConstants.QUEUE_ID, result.getMessageQueue().getQueueId());
        message.setHeader(RocketMQConstants.BROKER_NAME, result.getMessageQueue().getBrokerName());
        message.setHeader(RocketMQConstants.QUEUE_OFFSET, queueOffset);
        message.setHeader(RocketMQConstants.SEND_STATUS, result.getSendStatus());
        message.setHeader(RocketMQConstants.SEND_RESULT, fullResult);
    }
}

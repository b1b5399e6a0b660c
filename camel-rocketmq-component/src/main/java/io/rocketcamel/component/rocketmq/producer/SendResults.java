package io.rocketcamel.component.rocketmq.producer;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.Message;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;

/**
 * What the broker answered, put on the exchange: ids and position of the (last) stored message, status and full
 * results. A status other than SEND_OK fails the exchange unless {@code requireSendOk=false}.
 */
public final class SendResults {

    private final boolean requireSendOk;

    public SendResults(boolean requireSendOk) {
        this.requireSendOk = requireSendOk;
    }

    /** The results of the messages (or batches) of one exchange, in the order they were sent. */
    public void record(Message message, List<SendResult> results) throws SendStatusException {
        if (results.size() == 1) {
            record(message, results.get(0));
            return;
        }
        recordStored(message, results);
        for (SendResult result : results) {
            requireStored(result);
        }
    }

    /**
     * The messages (or batches) of an exchange stored before one of them failed, for the failed exchange: they stay
     * stored and are delivered, so the route learns their ids and, for timer messages, the recall handles that
     * withdraw them; sending the exchange again would store them again. Nothing when none was stored.
     */
    public void recordStoredBeforeFailure(Message message, List<SendResult> stored) {
        if (!stored.isEmpty()) {
            recordStored(message, stored);
        }
    }

    private static void recordStored(Message message, List<SendResult> results) {
        SendResult last = results.get(results.size() - 1);
        put(message, results.stream().map(SendResult::getMsgId).collect(Collectors.joining(",")), last,
                last.getQueueOffset(), List.copyOf(results));
        String recallHandles = results.stream().map(SendResult::getRecallHandle).filter(Objects::nonNull)
                .collect(Collectors.joining(","));
        if (!recallHandles.isEmpty()) {
            // only timer messages have one
            message.setHeader(RocketMQConstants.RECALL_HANDLE, recallHandles);
        }
    }

    /** The result of an exchange sent as one message (or one batch): the common case, without collecting. */
    public void record(Message message, SendResult result) throws SendStatusException {
        put(message, result.getMsgId(), result, result.getQueueOffset(), result);
        if (result.getRecallHandle() != null) {
            message.setHeader(RocketMQConstants.RECALL_HANDLE, result.getRecallHandle());
        }
        requireStored(result);
    }

    /**
     * The outcome for one message of a batch that several exchanges shared: its own id and queue offset (a batch is
     * stored contiguously from the result's offset), the batch's queue, status and full result.
     */
    public void recordBatchEntry(Message message, SendResult batch, String messageId, int index) throws SendStatusException {
        put(message, messageId, batch, batch.getQueueOffset() + index, batch);
        requireStored(batch);
    }

    public void requireStored(SendResult result) throws SendStatusException {
        if (requireSendOk && result.getSendStatus() != SendStatus.SEND_OK) {
            throw new SendStatusException(result);
        }
    }

    private static void put(Message message, String messageId, SendResult result, long queueOffset, Object fullResult) {
        SentMessage traced = SentMessage.expected(message.getExchange());
        if (traced != null) {
            traced.stored(messageId, result.getMessageQueue().getQueueId());
        }
        message.setHeader(RocketMQConstants.MESSAGE_ID, messageId);
        message.setHeader(RocketMQConstants.QUEUE_ID, result.getMessageQueue().getQueueId());
        message.setHeader(RocketMQConstants.BROKER_NAME, result.getMessageQueue().getBrokerName());
        message.setHeader(RocketMQConstants.QUEUE_OFFSET, queueOffset);
        message.setHeader(RocketMQConstants.SEND_STATUS, result.getSendStatus());
        message.setHeader(RocketMQConstants.SEND_RESULT, fullResult);
        // the last send's handle, as its id: an earlier timer message's would be recalled by the next RECALL
        message.removeHeader(RocketMQConstants.RECALL_HANDLE);
    }
}

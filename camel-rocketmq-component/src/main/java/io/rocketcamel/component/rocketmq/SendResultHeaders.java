package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Message;
import org.apache.rocketmq.client.producer.SendResult;

/**
 * Puts the outcome of a send on the exchange: ids and position of the (last) stored message, and the full results.
 */
final class SendResultHeaders {

    private SendResultHeaders() {
    }

    static void apply(Message message, List<SendResult> results) {
        SendResult last = results.get(results.size() - 1);
        message.setHeader(RocketMQConstants.MESSAGE_ID,
                results.stream().map(SendResult::getMsgId).collect(Collectors.joining(",")));
        message.setHeader(RocketMQConstants.QUEUE_ID, last.getMessageQueue().getQueueId());
        message.setHeader(RocketMQConstants.BROKER_NAME, last.getMessageQueue().getBrokerName());
        message.setHeader(RocketMQConstants.QUEUE_OFFSET, last.getQueueOffset());
        message.setHeader(RocketMQConstants.SEND_STATUS, last.getSendStatus());
        message.setHeader(RocketMQConstants.SEND_RESULT, results.size() == 1 ? last : List.copyOf(results));
    }
}

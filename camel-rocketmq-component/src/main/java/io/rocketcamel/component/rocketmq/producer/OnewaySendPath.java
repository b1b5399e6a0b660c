package io.rocketcamel.component.rocketmq.producer;

import java.util.ArrayList;
import java.util.List;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageBatch;
import org.apache.rocketmq.common.message.MessageClientIDSetter;

/**
 * sendMode=ONEWAY: each message is written to the connection and forgotten. Nothing confirms it was stored, so a
 * message lost on the way (a broker restart, a full send queue) goes unnoticed. The exchange learns only the id the
 * client gave each message, not where (or whether) the broker stored it.
 */
final class OnewaySendPath implements SendPath {

    /**
     * An earlier send's result on the exchange would be read as this one's; its recall handle would have the
     * exchange's next RECALL withdraw that earlier timer message.
     */
    private static final List<String> EARLIER_RESULT = List.of(RocketMQConstants.MESSAGE_ID, RocketMQConstants.RECALL_HANDLE,
            RocketMQConstants.QUEUE_ID, RocketMQConstants.QUEUE_OFFSET, RocketMQConstants.BROKER_NAME,
            RocketMQConstants.SEND_STATUS, RocketMQConstants.SEND_RESULT);

    private final QueueChoice queues;

    OnewaySendPath(QueueChoice queues) {
        this.queues = queues;
    }

    @Override
    public boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        org.apache.camel.Message result = exchange.getMessage();
        EARLIER_RESULT.forEach(result::removeHeader);
        List<String> ids = new ArrayList<>();
        List<Message> messages = outgoing.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            queues.sendOneway(message, outgoing.queueKey(i));
            // the client sets a message's id as it sends it; a batch's messages have theirs from the splitter
            if (message instanceof MessageBatch batch) {
                batch.forEach(each -> ids.add(MessageClientIDSetter.getUniqID(each)));
            } else {
                ids.add(MessageClientIDSetter.getUniqID(message));
            }
            result.setHeader(RocketMQConstants.MESSAGE_ID, String.join(",", ids));
        }
        return false;
    }
}

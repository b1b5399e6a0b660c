package io.rocketcamel.component.rocketmq.producer;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.rocketmq.common.message.Message;

/**
 * sendMode=ONEWAY: each message is written to the connection and forgotten. Nothing confirms it was stored, so a
 * message lost on the way (a broker restart, a full send queue) goes unnoticed: no result headers are set.
 */
final class OnewaySendPath implements SendPath {

    private final QueueChoice queues;

    OnewaySendPath(QueueChoice queues) {
        this.queues = queues;
    }

    @Override
    public boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        // an earlier send's handle would have the exchange's next RECALL withdraw that earlier timer message
        exchange.getMessage().removeHeader(RocketMQConstants.RECALL_HANDLE);
        for (Message message : outgoing.messages()) {
            queues.sendOneway(message, outgoing.queueKey());
        }
        return false;
    }
}

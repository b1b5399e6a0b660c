package io.rocketcamel.component.rocketmq.producer;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;

/**
 * sendMode=SYNC: the calling thread sends each message (or batch) of the exchange in turn and waits for the broker's
 * answer; the exchange continues only once every one is stored.
 */
final class SyncSendPath implements SendPath {

    private final QueueChoice queues;
    private final SendResults results;

    SyncSendPath(QueueChoice queues, SendResults results) {
        this.queues = queues;
        this.results = results;
    }

    @Override
    public boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        List<SendResult> answers = new ArrayList<>(outgoing.messages().size());
        for (Message message : outgoing.messages()) {
            SendResult answer = queues.send(message, outgoing.queueKey());
            results.requireStored(answer);
            answers.add(answer);
        }
        results.record(exchange.getMessage(), answers);
        return false;
    }
}

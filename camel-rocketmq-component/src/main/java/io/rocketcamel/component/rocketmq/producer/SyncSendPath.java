package io.rocketcamel.component.rocketmq.producer;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;

/**
 * sendMode=SYNC: the calling thread sends each message (or batch) of the exchange in turn and waits for the broker's
 * answer; the exchange continues only once every one is stored. When one fails, the exchange names those stored
 * before it.
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
        try {
            List<Message> messages = outgoing.messages();
            for (int i = 0; i < messages.size(); i++) {
                SendResult answer = queues.send(messages.get(i), outgoing.queueKey(i));
                answers.add(answer);
                results.requireStored(answer);
            }
        } catch (Exception e) {
            results.recordStoredBeforeFailure(exchange.getMessage(), answers);
            throw e;
        }
        results.record(exchange.getMessage(), answers);
        return false;
    }
}

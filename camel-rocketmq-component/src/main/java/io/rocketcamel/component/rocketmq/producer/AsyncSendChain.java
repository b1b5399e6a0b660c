package io.rocketcamel.component.rocketmq.producer;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;

/**
 * Sends the messages of one exchange one after the other, each from the previous one's send callback, and then
 * continues the route: no thread waits for the broker. When one fails, the exchange names those stored before it.
 */
final class AsyncSendChain implements SendCallback {

    private final QueueChoice queues;
    private final SendResults results;
    private final OutgoingMessages outgoing;
    private final Exchange exchange;
    private final AsyncCallback callback;
    private final List<SendResult> answers = new ArrayList<>();

    AsyncSendChain(QueueChoice queues, SendResults results, OutgoingMessages outgoing, Exchange exchange,
                   AsyncCallback callback) {
        this.queues = queues;
        this.results = results;
        this.outgoing = outgoing;
        this.exchange = exchange;
        this.callback = callback;
    }

    void start() {
        sendNext();
    }

    @Override
    public void onSuccess(SendResult answer) {
        answers.add(answer);
        try {
            results.requireStored(answer);
        } catch (SendStatusException e) {
            onException(e);
            return;
        }
        if (answers.size() < outgoing.messages().size()) {
            sendNext();
            return;
        }
        try {
            results.record(exchange.getMessage(), answers);
        } catch (SendStatusException e) {
            exchange.setException(e);
        }
        callback.done(false);
    }

    @Override
    public void onException(Throwable e) {
        results.recordStoredBeforeFailure(exchange.getMessage(), answers);
        exchange.setException(e);
        callback.done(false);
    }

    private void sendNext() {
        try {
            int next = answers.size();
            queues.send(outgoing.messages().get(next), outgoing.queueKey(next), this);
        } catch (Exception e) {
            onException(e);
        }
    }
}

package io.rocketcamel.component.rocketmq.producer;

import io.rocketcamel.component.rocketmq.producer.lanes.LaneSender;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * sendMode=ASYNC: the route continues in the client's send callback and no thread waits for the broker. The client
 * sends asynchronous messages from a thread pool, so two messages of one order key sent without waiting could be
 * stored out of order: those go through their queue's lane, which has one message on its way at a time and retries
 * it in place. Delayed messages are stored by delivery time anyway and take the direct way.
 */
final class AsyncSendPath implements SendPath {

    private final QueueChoice queues;
    private final SendResults results;
    private final LaneSender orderedLanes;

    AsyncSendPath(QueueChoice queues, SendResults results, LaneSender orderedLanes) {
        this.queues = queues;
        this.results = results;
        this.orderedLanes = orderedLanes;
    }

    @Override
    public boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        if (outgoing.queueKey() != null && !outgoing.delayed()) {
            orderedLanes.add(exchange, outgoing, callback);
        } else {
            new AsyncSendChain(queues, results, outgoing, exchange, callback).start();
        }
        return true;
    }
}

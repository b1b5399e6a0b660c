package io.rocketcamel.component.rocketmq.producer;

import io.rocketcamel.component.rocketmq.producer.lanes.LaneSender;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * sendMode=ASYNC: the route continues in the client's send callback and no thread waits for the broker. The client
 * sends asynchronous messages from a thread pool, so two messages of one order key sent without waiting could be
 * stored out of order: those go through their queue's lane, which has one message on its way at a time and retries
 * it in place. A delayed message of a key takes its lane too: one whose time has passed is stored at once, and a
 * list's undelayed messages with it.
 */
final class AsyncSendPath implements SendPath {

    private final QueueChoice queues;
    private final SendResults results;
    private final LaneSender orderedLanes;
    private final UnfinishedSends unfinished = new UnfinishedSends();
    private final long sendTimeoutMillis;

    AsyncSendPath(QueueChoice queues, SendResults results, LaneSender orderedLanes, long sendTimeoutMillis) {
        this.queues = queues;
        this.results = results;
        this.orderedLanes = orderedLanes;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    @Override
    public boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        if (outgoing.ordered()) {
            orderedLanes.add(exchange, outgoing, callback);
        } else {
            unfinished.take(outgoing.messages().get(0).getTopic());
            new AsyncSendChain(queues, results, outgoing, exchange, doneSync -> {
                unfinished.completed();
                callback.done(doneSync);
            }).start();
        }
        return true;
    }

    /**
     * Waits for the broker's answers to the sends on their way (at most sendTimeout, after which the client has failed
     * them itself): the client's shutdown would fail them although their messages were stored. The ordered lanes wait
     * for theirs when the producer stops them.
     */
    @Override
    public void stop() throws InterruptedException {
        unfinished.stop(sendTimeoutMillis);
    }
}

package io.rocketcamel.component.rocketmq.producer.lanes;

import io.rocketcamel.component.rocketmq.producer.OutgoingMessages;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * An exchange in a lane, waiting for its messages to be sent and acknowledged.
 *
 * @param bytes what its messages take of the send buffer
 * @param alone sent on its own: a batch entry of its message alone would be over maxMessageSize, or a batch it was
 *              in was refused as a whole (as illegal, or as over the broker's limit)
 */
record WaitingExchange(Exchange exchange, AsyncCallback callback, OutgoingMessages outgoing, long bytes,
                       long queuedAtNanos, boolean alone) {

    /** One plain message, which may share a batch with others; anything else is sent alone, in its order. */
    boolean batchable() {
        return !alone && outgoing.batchable();
    }

    WaitingExchange sentAlone() {
        return new WaitingExchange(exchange, callback, outgoing, bytes, queuedAtNanos, true);
    }
}

package io.rocketcamel.component.rocketmq.producer.lanes;

import io.rocketcamel.component.rocketmq.producer.OutgoingMessages;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * An exchange in a lane, waiting for its messages to be sent and acknowledged.
 *
 * @param bytes what its messages take of the send buffer
 */
record WaitingExchange(Exchange exchange, AsyncCallback callback, OutgoingMessages outgoing, long bytes,
                       long queuedAtNanos) {

    /** One plain message, which may share a batch with others; anything else is sent alone, in its order. */
    boolean batchable() {
        return outgoing.batchable();
    }
}

package io.rocketcamel.component.rocketmq.producer;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * What happens to an exchange in one send mode. The producer picks its paths once, when it starts, from the
 * endpoint's options (transactional, batchSize, sendMode; request-reply for InOut exchanges), so a reader finds what
 * happens to an exchange in one class per mode.
 */
public interface SendPath {

    /**
     * Sends the exchange's messages and puts the outcome on the exchange.
     *
     * @return {@code true} when the exchange continues asynchronously: the path then calls {@code callback} itself
     *         (with {@code doneSync=false}); {@code false} when the send is over and the caller continues
     */
    boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception;

    /** Completes or fails whatever is still on its way; the producer is stopping. */
    default void stop() throws Exception {
    }
}

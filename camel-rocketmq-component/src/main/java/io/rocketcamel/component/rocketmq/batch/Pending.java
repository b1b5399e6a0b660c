package io.rocketcamel.component.rocketmq.batch;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.rocketmq.common.message.Message;

/**
 * An exchange waiting for its message's batch to be acknowledged.
 */
record Pending(Exchange exchange, AsyncCallback callback, Message message, long size, long queuedAtNanos) {
}

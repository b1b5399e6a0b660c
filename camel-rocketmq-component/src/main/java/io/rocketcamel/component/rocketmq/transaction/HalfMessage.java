package io.rocketcamel.component.rocketmq.transaction;

import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;

/**
 * A stored, undecided half message: what ending its transaction needs.
 */
record HalfMessage(String transactionId, Message message, SendResult result) {
}

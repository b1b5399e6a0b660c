package io.rocketcamel.component.rocketmq.producer;

import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;

/**
 * The broker stored a message on the master but not as durably as it is configured to (not flushed to disk, or not
 * on the slaves in time), so the send is not reported as a success.
 */
public class SendStatusException extends Exception {

    private final transient SendResult result;

    public SendStatusException(SendResult result) {
        super("The broker answered " + result.getSendStatus() + " for message " + result.getMsgId() + " to "
              + result.getMessageQueue() + ": the master stored it, but " + meaning(result.getSendStatus())
              + ". The exchange fails because requireSendOk=true (the default); a retry may store the message a second"
              + " time. Set requireSendOk=false to accept such sends");
        this.result = result;
    }

    private static String meaning(SendStatus status) {
        return switch (status) {
            case FLUSH_DISK_TIMEOUT -> "did not flush it to disk in time (SYNC_FLUSH)";
            case FLUSH_SLAVE_TIMEOUT -> "its slaves did not acknowledge it in time (SYNC_MASTER)";
            case SLAVE_NOT_AVAILABLE -> "no slave was available to copy it to (SYNC_MASTER)";
            default -> "not as the broker's settings ask";
        };
    }

    public SendStatus getSendStatus() {
        return result.getSendStatus();
    }

    public SendResult getSendResult() {
        return result;
    }
}

package io.rocketcamel.component.rocketmq.internal;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/**
 * The RocketMQ client wraps the reason of a failure (a refused connection, a timeout) in layers of "unknown reason":
 * errors the component reports name the innermost one.
 */
public final class Causes {

    private Causes() {
    }

    /** The failure's message, followed by its innermost cause when that is another throwable. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + " (cause: " + root + ")";
    }

    /** The name server's "no such topic", which the client's admin wraps. */
    public static boolean topicAbsent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MQClientException client && client.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return true;
            }
        }
        return false;
    }
}

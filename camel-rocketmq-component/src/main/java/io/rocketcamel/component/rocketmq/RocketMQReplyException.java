package io.rocketcamel.component.rocketmq;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;

/**
 * The reply to a request was the replying route's failure (its consumer's transferException): the exception's class
 * name and message as the replier had them. The exception itself does not travel: the requester may not have its
 * class, and deserializing one from a message would run code of the sender's choosing.
 */
public class RocketMQReplyException extends CamelExchangeException {

    private static final long serialVersionUID = 1L;

    private final String replierExceptionClass;
    private final String replierMessage;

    public RocketMQReplyException(String topic, String replierExceptionClass, String replierMessage,
                                  Exchange exchange) {
        super("The route answering the request on topic " + topic + " failed: " + replierExceptionClass
              + (replierMessage.isEmpty() ? "" : ": " + replierMessage), exchange);
        this.replierExceptionClass = replierExceptionClass;
        this.replierMessage = replierMessage;
    }

    /** The class name of the exception the replying route failed with. */
    public String getReplierExceptionClass() {
        return replierExceptionClass;
    }

    /** Its message; empty when it had none. */
    public String getReplierMessage() {
        return replierMessage;
    }
}

package io.rocketcamel.component.rocketmq.producer;

/**
 * The exchange's message can never be sent as it is: it breaks a limit or a rule of the endpoint or of RocketMQ
 * (a body or properties over maxMessageSize, a missing or empty body, a tag with a separator, both a message group and
 * an order key, a delay or deliver time out of range, an option or header without a usable value, a list body where
 * one message is needed, a transactional send decided by an exchange that nothing completes), or a single message, or a list body's batch, the broker refused as illegal (MESSAGE_ILLEGAL:
 * over the broker's own limits; for a batch over its maxMessageSize, SYSTEM_ERROR "message body size exceeded"). That
 * message was not stored (of an exchange whose list body went as several sends, the ones before it were), and a retry
 * of the same exchange fails the same way: route such messages elsewhere
 * ({@code onException(UnsendableMessageException.class)}) rather than redeliver them. It is an
 * {@link IllegalArgumentException}, so handlers of that type still match; a body no type converter turns into bytes
 * fails with Camel's {@code InvalidPayloadException} caused by this exception.
 */
public class UnsendableMessageException extends IllegalArgumentException {

    public UnsendableMessageException(String message) {
        super(message);
    }

    public UnsendableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.rocketcamel.component.rocketmq.producer;

import java.util.stream.StreamSupport;

import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.RequestCallback;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageBatch;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/**
 * A message refused as illegal (MESSAGE_ILLEGAL), by the broker (a body or properties over its own limits, which may be
 * lower than the endpoint's maxMessageSize) or by the client's own checks, is refused again however often it is sent:
 * the exchange fails with {@link UnsendableMessageException} so a route can park it. So does a batch (a List body),
 * which is refused as a whole: its messages may pass in smaller batches, which the failure says. An automatic batch of
 * several exchanges' messages is no exchange's fault: its lane sends them again one by one.
 * <p>
 * A batch over the broker's maxMessageSize is refused the same way, though not as MESSAGE_ILLEGAL: the broker's batch
 * encoder throws "message body size exceeded" where its single-message encoder answers MESSAGE_ILLEGAL, and the broker
 * answers SYSTEM_ERROR with the exception in its remark (RocketMQ 5.5 MessageExtEncoder.encode(MessageExtBatch)).
 */
public final class IllegalMessageRefusals {

    /**
     * What the broker's batch encoder throws for a batch over its maxMessageSize; the remoting layer answers SYSTEM_ERROR
     * with the exception's description ({@code java.lang.RuntimeException: message body size exceeded, <frame>}).
     */
    private static final String BATCH_OVER_BROKER_LIMIT = "message body size exceeded";
    /** The client's compressMsgBodyOverHowmuch, which no endpoint changes. */
    private static final int COMPRESSED_OVER = 4 * 1024;

    private IllegalMessageRefusals() {
    }

    /**
     * The failure as an {@link UnsendableMessageException} when it refused this message as illegal (or a batch as over
     * the broker's limit), else itself.
     */
    static Exception translate(Message message, Exception failure) {
        Throwable refusal = refusalIn(failure);
        if (refusal == null) {
            return failure;
        }
        String who = refusal instanceof MQBrokerException broker ? "The broker " + broker.getBrokerAddr() : "The RocketMQ client";
        String why = refusal instanceof MQBrokerException broker ? broker.getErrorMessage()
                : ((MQClientException) refusal).getErrorMessage();
        if (message instanceof MessageBatch batch) {
            long size = StreamSupport.stream(batch.spliterator(), false).count();
            if (overBrokerLimit(refusal)) {
                String bytes = message.getBody() == null ? "" : " (" + message.getBody().length + " bytes)";
                return new UnsendableMessageException(who + " refused the batch of " + size + " messages" + bytes
                                                      + " to topic " + message.getTopic() + " as larger than the"
                                                      + " broker's maxMessageSize, SYSTEM_ERROR (" + why + "): it is"
                                                      + " refused again however often it is sent as it is; its messages"
                                                      + " may pass in smaller batches (set the endpoint's"
                                                      + " maxMessageSize to the broker's)", failure);
            }
            return new UnsendableMessageException(who + " refused the batch of " + size + " messages to topic "
                                                  + message.getTopic() + " as illegal, MESSAGE_ILLEGAL (" + why
                                                  + "): it is refused again however often it is sent as it is; its"
                                                  + " messages may pass in smaller batches", failure);
        }
        String answer = overBrokerLimit(refusal) ? "as larger than the broker's maxMessageSize, SYSTEM_ERROR"
                : "as illegal, MESSAGE_ILLEGAL";
        return new UnsendableMessageException(who + " refused the message to topic " + message.getTopic() + " " + answer
                                              + " (" + why + "): it is refused again however often it is sent"
                                              + compressionNote(message), failure);
    }

    /**
     * The client sends a body over 4 KiB zlib-compressed, and keeps the compressed one even when it grew: a body within
     * the broker's limit that does not compress may be over it as sent, which the broker's answer does not say.
     */
    private static String compressionNote(Message message) {
        byte[] body = message.getBody();
        if (body == null || body.length <= COMPRESSED_OVER) {
            return "";
        }
        return ". Its body of " + body.length + " bytes was sent compressed (the client compresses every body over "
               + COMPRESSED_OVER + " bytes): one that does not compress (random, encrypted or already compressed data)"
               + " grows a little, and may be over the broker's limit only as sent";
    }

    /**
     * Whether the failure is a refusal as illegal, of a single message or of a batch, or the broker's refusal of a
     * batch over its maxMessageSize: either is refused again however often it is sent as it is.
     */
    public static boolean refusedAsIllegal(Throwable failure) {
        return refusalIn(failure) != null;
    }

    /** Whether the failure is the broker's refusal of a batch over its maxMessageSize (see the class comment). */
    public static boolean refusedAsOverBrokerLimit(Throwable failure) {
        Throwable refusal = refusalIn(failure);
        return refusal != null && overBrokerLimit(refusal);
    }

    private static Throwable refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MQBrokerException broker && broker.getResponseCode() == ResponseCode.MESSAGE_ILLEGAL
                || cause instanceof MQClientException client && client.getResponseCode() == ResponseCode.MESSAGE_ILLEGAL
                || overBrokerLimit(cause)) {
                return cause;
            }
        }
        return null;
    }

    private static boolean overBrokerLimit(Throwable cause) {
        return cause instanceof MQBrokerException broker && broker.getResponseCode() == ResponseCode.SYSTEM_ERROR
               && broker.getErrorMessage() != null && broker.getErrorMessage().contains(BATCH_OVER_BROKER_LIMIT);
    }

    static SendCallback translating(Message message, SendCallback callback) {
        return new Translating(message, callback, null);
    }

    static RequestCallback translating(Message message, RequestCallback callback) {
        return new Translating(message, null, callback);
    }

    /** Hands a callback its outcome, a refusal of the message as illegal translated; one of the callbacks is set. */
    private record Translating(Message message, SendCallback send, RequestCallback request)
            implements SendCallback, RequestCallback {

        @Override
        public void onSuccess(SendResult result) {
            send.onSuccess(result);
        }

        @Override
        public void onSuccess(Message reply) {
            request.onSuccess(reply);
        }

        @Override
        public void onException(Throwable failure) {
            Throwable translated = failure instanceof Exception e ? translate(message, e) : failure;
            if (send != null) {
                send.onException(translated);
            } else {
                request.onException(translated);
            }
        }
    }
}

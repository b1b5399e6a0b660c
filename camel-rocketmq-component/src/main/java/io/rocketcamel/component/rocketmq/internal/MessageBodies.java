package io.rocketcamel.component.rocketmq.internal;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.StreamCache;
import org.apache.camel.support.ExchangeHelper;
import org.apache.rocketmq.common.message.Message;

/**
 * Turns a Camel body into the bytes of a RocketMQ message.
 */
public final class MessageBodies {

    /**
     * Marks a reply whose answer had no body: RocketMQ refuses a message without one, so the reply carries one byte
     * and this property, and the requesting producer hands the route an empty body. Without it the reply could not be
     * sent and the requester waited out its requestTimeout.
     */
    public static final String EMPTY_REPLY = "CamelRocketMQEmptyReply";
    /**
     * Marks a reply that is the replying route's failure (transferException): the property holds the exception's class
     * name, the body its message.
     */
    public static final String REPLIER_FAILURE = "CamelRocketMQReplierFailure";

    private MessageBodies() {
    }

    /** The one byte an {@link #EMPTY_REPLY} carries. */
    public static byte[] emptyReplyBody() {
        return new byte[] { 0 };
    }

    /** A reply's body as the answering route left it: empty for a reply marked {@link #EMPTY_REPLY}. */
    public static byte[] replyBody(Message reply) {
        return reply.getProperty(EMPTY_REPLY) != null ? new byte[0] : reply.getBody();
    }

    public static byte[] toBytes(Exchange exchange, Object body, int maxMessageSize) throws InvalidPayloadException {
        if (body == null) {
            throw unsendable(exchange, "A RocketMQ message needs a body, the body is null");
        }
        byte[] bytes = body instanceof byte[] b ? b : body instanceof String text ? encode(exchange, text)
                : exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, body);
        if (bytes == null) {
            throw unsendable(exchange, "Cannot send a body of type " + body.getClass().getName()
                                       + ": no type converter turns it into byte[]");
        }
        if (bytes.length == 0) {
            // the client refuses a single message without a body, yet a batch stored one: refused alike here
            throw unsendable(exchange, "The message body is empty: a RocketMQ message needs at least one byte");
        }
        if (bytes.length > maxMessageSize) {
            throw new UnsendableMessageException(
                    "The message body is " + bytes.length + " bytes, more than maxMessageSize=" + maxMessageSize
                                                 + " bytes; raise maxMessageSize (and the broker's) or send a smaller body");
        }
        return bytes;
    }

    /**
     * Whether the body can be read only once (a stream, not one Camel caches): its bytes then take its place, so a
     * redelivery of the exchange, or a second endpoint, sends them again. Read and left as it was, the stream was
     * empty at Camel's redelivery, whose send failed as an empty body and parked an exchange without its message.
     */
    public static boolean readsOnce(Object body) {
        return (body instanceof InputStream || body instanceof Reader) && !(body instanceof StreamCache);
    }

    /**
     * A text in the exchange's charset (CamelCharsetName, header or property; UTF-8 unless set), refused where that
     * charset cannot encode it: Java's own encoding puts '?' in a character's place, and an unknown charset was
     * reported as a body no type converter could turn into bytes.
     */
    private static byte[] encode(Exchange exchange, String text) throws InvalidPayloadException {
        String name = ExchangeHelper.getCharsetName(exchange, true);
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw unsendable(exchange, "The exchange's charset " + name + " (" + Exchange.CHARSET_NAME
                                       + ") is not one this JVM knows: the text body cannot be encoded");
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(text));
            return Arrays.copyOfRange(encoded.array(), encoded.arrayOffset() + encoded.position(),
                    encoded.arrayOffset() + encoded.limit());
        } catch (CharacterCodingException e) {
            int at = 0;
            while (at < text.length() - 1 && encoder.canEncode(text.charAt(at))) {
                at++;
            }
            throw unsendable(exchange, "The exchange's charset " + charset.name() + " (" + Exchange.CHARSET_NAME
                                       + ") cannot encode the text body's character '" + text.charAt(at) + "' (U+"
                                       + String.format("%04X", (int) text.charAt(at)) + ") at index " + at
                                       + ": sent, it would be replaced by '?'. Send the text in a charset that has"
                                       + " it, UTF-8 for any text");
        }
    }

    private static InvalidPayloadException unsendable(Exchange exchange, String why) {
        return new InvalidPayloadException(exchange, byte[].class, exchange.getMessage(),
                new UnsendableMessageException(why));
    }
}

package io.rocketcamel.examples.deadletter;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Events no route could process (malformed JSON, an unknown event type), with the route that gave up and why, as
 * this instance saw them; each is parked on the broker too ({@link DeadLetterRoutes}), which is what keeps it.
 */
@Component
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger("dead-letter");

    public static final String SOURCE_HEADER = "deadLetterSource";
    public static final String REASON_HEADER = "deadLetterReason";

    private final Queue<DeadLetter> letters = new ConcurrentLinkedQueue<>();

    /**
     * Keeps the event and logs it as one line: a malformed event is expected, its stack trace would say nothing.
     *
     * @return why it could not be processed
     */
    public String record(@Header(SOURCE_HEADER) String source, @Header(RocketMQConstants.MESSAGE_ID) String messageId,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause, @Body String body) {
        DeadLetter letter = new DeadLetter(source, cause == null ? "unknown" : cause.getClass().getSimpleName() + ": "
                + firstLine(cause.getMessage()), body);
        letters.add(letter);
        LOG.warn("Dead letter from {} (message {}): {}", source, messageId, letter.reason());
        return letter.reason();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    public List<DeadLetter> all() {
        return List.copyOf(letters);
    }

    public record DeadLetter(String source, String reason, String body) {
    }
}

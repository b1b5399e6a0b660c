package io.rocketcamel.component.rocketmq.producer.lanes;

import java.util.ArrayList;
import java.util.List;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.producer.OutgoingMessages;
import io.rocketcamel.component.rocketmq.producer.SendStatusException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.rocketmq.client.producer.SendResult;

/**
 * A list whose messages have several destinations (a consumed batch forwarded whole, with its messages' keys; a list
 * whose messages name their own topics): the messages of each topic and key join their lane in turn, the next
 * destination's once the previous one's are stored, so the exchange holds one place in one lane at a time. When one
 * destination's messages fail, those after it are not sent and the exchange names what was stored. The buffer room of
 * the whole list is taken at the start, on the caller's thread: a later destination joins its lane from the previous
 * one's completion, on the client's callback thread, which must not wait for room that only such callbacks free
 * (lists failed with a full buffer while their callbacks waited, ForwardingIT).
 */
final class DestinationByDestinationSend implements AsyncCallback {

    private final LaneSender sender;
    private final Exchange exchange;
    private final List<OutgoingMessages> parts;
    private final AsyncCallback callback;
    private final List<SendResult> stored = new ArrayList<>();
    private int sent;

    DestinationByDestinationSend(LaneSender sender, Exchange exchange, List<OutgoingMessages> parts, AsyncCallback callback) {
        this.sender = sender;
        this.exchange = exchange;
        this.parts = parts;
        this.callback = callback;
    }

    /** Takes the list's room and adds the first destination's messages: what refuses them fails the send at once. */
    void start() throws Exception {
        sender.reserve(bytesFrom(0), parts.get(0).messages().get(0).getTopic());
        try {
            addNext();
        } catch (Exception e) {
            sender.release(bytesFrom(sent));
            throw e;
        }
    }

    private void addNext() throws Exception {
        // each destination's messages are recorded on the exchange by their lane: read back and gathered when they
        // complete
        exchange.getMessage().removeHeader(RocketMQConstants.SEND_RESULT);
        sender.addOneDestination(exchange, parts.get(sent++), this, true);
    }

    /** The room the destinations from this one on hold; the lanes release each one's as its messages complete. */
    private long bytesFrom(int part) {
        long bytes = 0;
        for (int i = part; i < parts.size(); i++) {
            bytes += LaneSender.bytesOf(parts.get(i));
        }
        return bytes;
    }

    @Override
    public void done(boolean doneSync) {
        Message message = exchange.getMessage();
        Object result = message.getHeader(RocketMQConstants.SEND_RESULT);
        if (result instanceof SendResult one) {
            stored.add(one);
        } else if (result instanceof List<?> several) {
            several.forEach(each -> stored.add((SendResult) each));
        }
        if (exchange.getException() != null) {
            sender.release(bytesFrom(sent));
            sender.results().recordStoredBeforeFailure(message, stored);
            callback.done(false);
            return;
        }
        if (sent < parts.size()) {
            try {
                addNext();
            } catch (Exception e) {
                sender.release(bytesFrom(sent));
                exchange.setException(e);
                sender.results().recordStoredBeforeFailure(message, stored);
                callback.done(false);
            }
            return;
        }
        try {
            sender.results().record(message, stored);
        } catch (SendStatusException e) {
            exchange.setException(e);
        }
        callback.done(false);
    }
}

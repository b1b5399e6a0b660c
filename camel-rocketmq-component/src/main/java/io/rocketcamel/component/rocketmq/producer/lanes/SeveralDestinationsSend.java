package io.rocketcamel.component.rocketmq.producer.lanes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.producer.OutgoingMessages;
import io.rocketcamel.component.rocketmq.producer.SendStatusException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.rocketmq.client.producer.SendResult;

/**
 * A list whose messages have several destinations (a consumed batch forwarded whole, with its messages' keys; a list
 * whose messages name their own topics): the messages of each topic and key join their lane at once, on the caller's
 * thread, so in each key's queue they come before what the route sends after the list. Joining a key's lane only
 * once the previous key's messages were stored let an exchange sent after the list overtake its later keys
 * (OrderedLaneIT). The lanes send the parts side by side, each part on a copy of the exchange where its lane records
 * what it stored; the exchange completes once every part has, naming everything stored. When a part fails, the
 * others may still be stored. The buffer room of the whole list is taken first, waiting as for any exchange.
 */
final class SeveralDestinationsSend {

    private final LaneSender sender;
    private final Exchange exchange;
    private final List<OutgoingMessages> parts;
    private final AsyncCallback callback;
    /** Each part's copy of the exchange, where its lane records what it stored and how it failed. */
    private final List<Exchange> partExchanges;
    /** The parts not completed yet: the exchange completes when it reaches 0. */
    private final AtomicInteger unfinished;
    /** How many parts joined their lane: all, unless one was refused as it was added. */
    private volatile int added;
    private volatile Exception notAdded;

    SeveralDestinationsSend(LaneSender sender, Exchange exchange, List<OutgoingMessages> parts, AsyncCallback callback) {
        this.sender = sender;
        this.exchange = exchange;
        this.parts = parts;
        this.callback = callback;
        this.partExchanges = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Exchange part = exchange.copy();
            // an earlier send's results would be read as this part's
            part.getMessage().removeHeader(RocketMQConstants.SEND_RESULT);
            partExchanges.add(part);
        }
        this.unfinished = new AtomicInteger(parts.size());
        this.added = parts.size();
    }

    /**
     * Takes the list's room and adds every part to its lane. What refuses the first part fails the send at once; a
     * later part refused fails the exchange once the parts added before it completed.
     */
    void start() throws Exception {
        sender.reserve(bytesFrom(0), parts.get(0).messages().get(0).getTopic());
        for (int part = 0; part < parts.size(); part++) {
            try {
                sender.addOneDestination(partExchanges.get(part), parts.get(part), doneSync -> partCompleted(), true);
            } catch (Exception e) {
                // the refused part's room was released as it was refused; the parts after it were never added
                sender.release(bytesFrom(part + 1));
                if (part == 0) {
                    throw e;
                }
                notAdded = e;
                added = part;
                if (unfinished.addAndGet(part - parts.size()) == 0) {
                    complete();
                }
                return;
            }
        }
    }

    /** The room the parts from this one on hold; the lanes release each added part's as its messages complete. */
    private long bytesFrom(int part) {
        long bytes = 0;
        for (int i = part; i < parts.size(); i++) {
            bytes += LaneSender.bytesOf(parts.get(i));
        }
        return bytes;
    }

    private void partCompleted() {
        if (unfinished.decrementAndGet() == 0) {
            complete();
        }
    }

    private void complete() {
        List<SendResult> stored = new ArrayList<>();
        Exception failure = null;
        for (Exchange part : partExchanges.subList(0, added)) {
            Object result = part.getMessage().getHeader(RocketMQConstants.SEND_RESULT);
            if (result instanceof SendResult one) {
                stored.add(one);
            } else if (result instanceof List<?> several) {
                several.forEach(each -> stored.add((SendResult) each));
            }
            if (failure == null) {
                failure = part.getException();
            }
        }
        failure = failure != null ? failure : notAdded;
        Message message = exchange.getMessage();
        if (failure != null) {
            exchange.setException(failure);
            sender.results().recordStoredBeforeFailure(message, stored);
        } else {
            try {
                sender.results().record(message, stored);
            } catch (SendStatusException e) {
                exchange.setException(e);
            }
        }
        callback.done(false);
    }
}

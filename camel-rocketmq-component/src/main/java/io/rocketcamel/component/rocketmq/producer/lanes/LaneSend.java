package io.rocketcamel.component.rocketmq.producer.lanes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rocketcamel.component.rocketmq.internal.Causes;
import io.rocketcamel.component.rocketmq.producer.BatchSplitter;
import io.rocketcamel.component.rocketmq.producer.IllegalMessageRefusals;
import io.rocketcamel.component.rocketmq.producer.SendStatusException;
import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.camel.CamelExchangeException;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientIDSetter;

/**
 * One send of a lane on its way: a batch packed from several exchanges, or the messages of one exchange sent one
 * after the other. Completes each of its exchanges once: when the broker acknowledges it, when it fails for good, or
 * when the producer stops before either happened.
 */
final class LaneSend implements SendCallback {

    private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SendLane lane;
    private final List<WaitingExchange> entries;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final long startedNanos = System.nanoTime();
    /** The messages of a lone exchange acknowledged so far; guarded by itself (a stop may fail the send meanwhile). */
    private final List<SendResult> answers = new ArrayList<>();
    private Message packed;
    private int retries;

    LaneSend(SendLane lane, List<WaitingExchange> entries) {
        this.lane = lane;
        this.entries = entries;
    }

    void send() {
        try {
            lane.send(nextMessage(), this);
        } catch (Exception e) {
            // failing here would dispatch the lane's next send from within this call, and the next, recursively
            lane.later(() -> onException(e), 0);
        }
    }

    private Message nextMessage() {
        if (entries.size() == 1) {
            int answered;
            synchronized (answers) {
                answered = answers.size();
            }
            return entries.get(0).outgoing().messages().get(answered);
        }
        if (packed == null) {
            packed = BatchSplitter.toBatch(entries.stream().map(e -> e.outgoing().messages().get(0)).toList(),
                    lane.sender().settings().namespace());
        }
        return packed;
    }

    @Override
    public void onSuccess(SendResult result) {
        if (finished.get()) {
            return;
        }
        if (entries.size() == 1) {
            acknowledgeLone(result);
        } else {
            acknowledgeBatch(result);
        }
    }

    private void acknowledgeLone(SendResult result) {
        WaitingExchange entry = entries.get(0);
        int answered;
        synchronized (answers) {
            answers.add(result);
            answered = answers.size();
        }
        if (answered < entry.outgoing().messages().size()) {
            try {
                lane.sender().results().requireStored(result);
            } catch (SendStatusException e) {
                if (lane.ordered() && !finished.get()) {
                    // while this send still holds the lane's slot: the rest of the list is not sent, and the next
                    // exchange of the queue, sent now, would be stored before it when the route sends the list again
                    lane.failWaiting(e);
                }
                fail("was not stored as required", e);
                return;
            }
            retries = 0;
            send();
            return;
        }
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        lane.finished(this);
        try {
            lane.sender().results().record(entry.exchange().getMessage(), storedSoFar());
        } catch (SendStatusException e) {
            entry.exchange().setException(e);
        }
        lane.completed(entry);
    }

    private List<SendResult> storedSoFar() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    private void acknowledgeBatch(SendResult result) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        lane.finished(this);
        for (int i = 0; i < entries.size(); i++) {
            WaitingExchange entry = entries.get(i);
            Message message = entry.outgoing().messages().get(0);
            try {
                lane.sender().results().recordBatchEntry(entry.exchange().getMessage(), result,
                        MessageClientIDSetter.getUniqID(message), i);
            } catch (SendStatusException e) {
                entry.exchange().setException(e);
            }
            lane.completed(entry);
        }
    }

    @Override
    public void onException(Throwable cause) {
        if (entries.size() > 1 && IllegalMessageRefusals.refusedAsIllegal(cause)) {
            if (finished.compareAndSet(false, true)) {
                if (IllegalMessageRefusals.refusedAsOverBrokerLimit(cause)) {
                    lane.sender().batchOverBrokerLimit(cause);
                }
                // back in the lane before this send's slot is freed, so the lane's next sends are these, in order
                boolean resent = lane.resendAlone(entries);
                lane.finished(this);
                if (!resent) {
                    failEntries("was not sent: " + Causes.describe(cause), cause);
                }
            }
            return;
        }
        // a message refused as illegal is refused again: retried in place, it would hold its queue up for nothing
        long left = cause instanceof UnsendableMessageException ? 0 : retryTimeLeftNanos();
        if (lane.ordered() && left > 0) {
            retries++;
            long backOff = Math.min(MAX_RETRY_NANOS, FIRST_RETRY_NANOS << Math.min(retries - 1, 10));
            lane.later(this::send, Math.min(backOff, left));
            return;
        }
        if (lane.ordered() && !(cause instanceof UnsendableMessageException)) {
            // while this send still holds the lane's slot: freeing it first sent the next waiting exchange ahead.
            // A message refused as illegal is never stored, so the ones behind it cannot overtake it: they go on
            lane.failWaiting(cause);
        }
        fail("was not sent: " + Causes.describe(cause), cause);
    }

    /**
     * An ordered send is retried in place until the send timeout since its first attempt: nothing of its queue may
     * overtake it meanwhile.
     */
    private long retryTimeLeftNanos() {
        if (finished.get() || !lane.sender().isSending()) {
            return 0;
        }
        long deadline = startedNanos + TimeUnit.MILLISECONDS.toNanos(lane.sender().settings().sendTimeoutMillis());
        return deadline - System.nanoTime();
    }

    void fail(String what, Throwable cause) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        lane.finished(this);
        failEntries(what, cause);
    }

    private void failEntries(String what, Throwable cause) {
        String message = (entries.size() == 1 ? "The message" : "The batch of " + entries.size() + " messages")
                         + " to topic " + lane.topic() + " " + what;
        if (entries.size() == 1) {
            // the messages of a list sent before the one that failed stay stored (one answered with a status other
            // than SEND_OK too: the master stored it), so the route learns their ids, as on the direct send paths
            lane.sender().results().recordStoredBeforeFailure(entries.get(0).exchange().getMessage(), storedSoFar());
        }
        for (WaitingExchange entry : entries) {
            entry.exchange().setException(new CamelExchangeException(message, entry.exchange(), cause));
            lane.completed(entry);
        }
    }
}

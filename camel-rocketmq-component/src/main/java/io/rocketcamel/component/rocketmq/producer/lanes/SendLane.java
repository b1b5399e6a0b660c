package io.rocketcamel.component.rocketmq.producer.lanes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The exchanges waiting for one topic (and, for ordered messages, one queue of it) and the sends of them on their
 * way. A lane sends when a batch is full, when its oldest exchange has lingered long enough, or when a send slot frees
 * up. An ordered lane has one slot: its sends are stored in the order their exchanges arrived, a failed send is
 * retried in place, and when it finally fails, the exchanges waiting behind it fail with it rather than overtake it.
 */
final class SendLane {

    private final LaneSender sender;
    private final String topic;
    /** {@code null}: the client picks a queue per send. */
    private final MessageQueue queue;
    private final int slots;
    private final ArrayDeque<WaitingExchange> waiting = new ArrayDeque<>();
    private final Set<LaneSend> inFlight = new HashSet<>();
    private long waitingBytes;
    /** Everything was failed: the producer stopped, and nothing may be put back to wait. */
    private boolean failedAll;
    private ScheduledFuture<?> lingerTimer;

    SendLane(LaneSender sender, String topic, MessageQueue queue, int slots) {
        this.sender = sender;
        this.topic = topic;
        this.queue = queue;
        this.slots = slots;
    }

    String topic() {
        return topic;
    }

    boolean ordered() {
        return queue != null;
    }

    LaneSender sender() {
        return sender;
    }

    void add(WaitingExchange entry) {
        synchronized (this) {
            waiting.add(entry);
            waitingBytes += entry.bytes();
        }
        dispatch();
    }

    void send(Message message, SendCallback callback) throws Exception {
        sender.queues().send(message, queue, callback);
    }

    /** A send was acknowledged or failed for good: its slot is free. */
    void finished(LaneSend send) {
        synchronized (this) {
            inFlight.remove(send);
        }
        dispatch();
    }

    void later(Runnable task, long delayNanos) {
        sender.schedule(task, delayNanos);
    }

    void completed(WaitingExchange entry) {
        sender.completed(entry);
    }

    void dispatch() {
        List<LaneSend> ready = new ArrayList<>(1);
        synchronized (this) {
            while (!waiting.isEmpty() && inFlight.size() < slots && sender.isSending()) {
                if (!readyToSend()) {
                    scheduleLinger();
                    break;
                }
                LaneSend send = new LaneSend(this, takeNext());
                inFlight.add(send);
                ready.add(send);
            }
        }
        ready.forEach(LaneSend::send);
    }

    /**
     * Puts a refused batch's exchanges back at the head of the lane, in their order, each to be sent on its own:
     * the broker refused the batch as it is (as illegal, or as over its maxMessageSize), which it may be only as a
     * whole, and the exchanges whose messages are illegal on their own then fail alone.
     *
     * @return false when the producer has stopped and failed what was waiting: the caller fails them
     */
    boolean resendAlone(List<WaitingExchange> entries) {
        synchronized (this) {
            if (failedAll) {
                return false;
            }
            for (int i = entries.size() - 1; i >= 0; i--) {
                waiting.addFirst(entries.get(i).sentAlone());
                waitingBytes += entries.get(i).bytes();
            }
            return true;
        }
    }

    /** Fails what is waiting: an earlier send of this ordered lane failed, and these must not overtake it. */
    void failWaiting(Throwable cause) {
        List<WaitingExchange> behind;
        synchronized (this) {
            behind = new ArrayList<>(waiting);
            waiting.clear();
            waitingBytes = 0;
        }
        if (!behind.isEmpty()) {
            new LaneSend(this, behind).fail("was not sent: an earlier message of " + queue + " failed, and sending"
                                            + " these after it would store them out of order", cause);
        }
    }

    /** Fails what is still waiting or unacknowledged; the producer is stopping. */
    void failAll() {
        List<LaneSend> unfinished;
        synchronized (this) {
            failedAll = true;
            unfinished = new ArrayList<>(inFlight);
            if (!waiting.isEmpty()) {
                unfinished.add(new LaneSend(this, new ArrayList<>(waiting)));
                waiting.clear();
                waitingBytes = 0;
            }
        }
        unfinished.forEach(send -> send.fail("was not acknowledged before the producer stopped", null));
    }

    private boolean readyToSend() {
        LaneSender.Settings settings = sender.settings();
        return sender.isFlushing() || !waiting.getFirst().batchable() || waiting.size() >= settings.batchSize()
               || waitingBytes >= settings.maxMessageSize() || lingeredNanos() >= lingerNanos();
    }

    private long lingerNanos() {
        return TimeUnit.MILLISECONDS.toNanos(sender.settings().lingerMillis());
    }

    private long lingeredNanos() {
        return System.nanoTime() - waiting.getFirst().queuedAtNanos();
    }

    private void scheduleLinger() {
        if (lingerTimer == null) {
            lingerTimer = sender.schedule(this::lingerExpired, lingerNanos() - lingeredNanos());
        }
    }

    private void lingerExpired() {
        synchronized (this) {
            lingerTimer = null;
        }
        dispatch();
    }

    /** The next send: an exchange that cannot share a batch alone, else as many batchable ones as fit. */
    private List<WaitingExchange> takeNext() {
        if (!waiting.getFirst().batchable()) {
            WaitingExchange alone = waiting.removeFirst();
            waitingBytes -= alone.bytes();
            return List.of(alone);
        }
        LaneSender.Settings settings = sender.settings();
        List<WaitingExchange> batch = new ArrayList<>(Math.min(waiting.size(), settings.batchSize()));
        long bytes = 0;
        while (!waiting.isEmpty() && batch.size() < settings.batchSize() && waiting.getFirst().batchable()) {
            WaitingExchange next = waiting.getFirst();
            if (!batch.isEmpty() && bytes + next.bytes() > settings.maxMessageSize()) {
                break;
            }
            waiting.removeFirst();
            waitingBytes -= next.bytes();
            bytes += next.bytes();
            batch.add(next);
        }
        return batch;
    }
}

package io.rocketcamel.component.rocketmq.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.UnaryOperator;

import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The messages waiting for one topic (and, for ordered messages, one queue of it) and the batches of them on their
 * way. A lane sends a batch when it is full, when its oldest message has lingered long enough, or when a send slot
 * frees up; an ordered lane has one slot, so its batches are stored in the order their exchanges arrived.
 */
final class Lane {

    private final BatchingSender sender;
    private final String topic;
    /** {@code null}: the client picks a queue per batch. */
    private final MessageQueue queue;
    private final int slots;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final Set<BatchSend> inFlight = new HashSet<>();
    private long waitingBytes;
    private ScheduledFuture<?> lingerTimer;

    Lane(BatchingSender sender, String topic, MessageQueue queue, int slots) {
        this.sender = sender;
        this.topic = topic;
        this.queue = queue;
        this.slots = slots;
    }

    String topic() {
        return topic;
    }

    UnaryOperator<String> namespacer() {
        return sender.namespacer();
    }

    void add(Pending pending) {
        synchronized (this) {
            waiting.add(pending);
            waitingBytes += pending.size();
        }
        dispatch();
    }

    void send(Message batch, SendCallback callback) throws Exception {
        sender.send(batch, queue, callback);
    }

    /** A batch was acknowledged or failed: its slot is free. */
    void finished(BatchSend batch) {
        synchronized (this) {
            inFlight.remove(batch);
        }
        dispatch();
    }

    void later(Runnable task) {
        sender.schedule(task, 0);
    }

    void completed(Pending pending) {
        sender.completed(pending);
    }

    void dispatch() {
        List<BatchSend> ready = new ArrayList<>(1);
        synchronized (this) {
            while (!waiting.isEmpty() && inFlight.size() < slots && sender.isSending()) {
                if (!readyToSend()) {
                    scheduleLinger();
                    break;
                }
                BatchSend batch = new BatchSend(this, takeBatch());
                inFlight.add(batch);
                ready.add(batch);
            }
        }
        ready.forEach(BatchSend::send);
    }

    /** Fails what is still waiting or unacknowledged; the producer is stopping. */
    void failAll() {
        List<BatchSend> unfinished;
        synchronized (this) {
            unfinished = new ArrayList<>(inFlight);
            if (!waiting.isEmpty()) {
                unfinished.add(new BatchSend(this, new ArrayList<>(waiting)));
                waiting.clear();
                waitingBytes = 0;
            }
        }
        unfinished.forEach(batch -> batch.fail("was not acknowledged before the producer stopped", null));
    }

    private boolean readyToSend() {
        return sender.isFlushing() || waiting.size() >= sender.batchSize() || waitingBytes >= sender.maxMessageSize()
               || lingeredNanos() >= sender.lingerNanos();
    }

    private long lingeredNanos() {
        return System.nanoTime() - waiting.getFirst().queuedAtNanos();
    }

    private void scheduleLinger() {
        if (lingerTimer == null) {
            lingerTimer = sender.schedule(this::lingerExpired, sender.lingerNanos() - lingeredNanos());
        }
    }

    private void lingerExpired() {
        synchronized (this) {
            lingerTimer = null;
        }
        dispatch();
    }

    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), sender.batchSize()));
        long bytes = 0;
        while (!waiting.isEmpty() && batch.size() < sender.batchSize()) {
            Pending next = waiting.getFirst();
            if (!batch.isEmpty() && bytes + next.size() > sender.maxMessageSize()) {
                break;
            }
            waiting.removeFirst();
            waitingBytes -= next.size();
            bytes += next.size();
            batch.add(next);
        }
        return batch;
    }
}

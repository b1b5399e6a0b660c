package io.rocketcamel.component.rocketmq.batch;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rocketcamel.component.rocketmq.SendResultHeaders;
import org.apache.camel.CamelExchangeException;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientIDSetter;

/**
 * One batch on its way: completes each of its exchanges once, when the broker acknowledges it, when it fails, or when
 * the producer stops before either happened.
 */
final class BatchSend implements SendCallback {

    private final Lane lane;
    private final List<Pending> entries;
    private final AtomicBoolean finished = new AtomicBoolean();

    BatchSend(Lane lane, List<Pending> entries) {
        this.lane = lane;
        this.entries = entries;
    }

    void send() {
        try {
            lane.send(BatchSplitter.toBatch(entries.stream().map(Pending::message).toList(), lane.namespacer()), this);
        } catch (Exception e) {
            // failing here would dispatch the lane's next batch from within this call, and the next, recursively
            lane.later(() -> onException(e));
        }
    }

    @Override
    public void onSuccess(SendResult result) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        lane.finished(this);
        for (int i = 0; i < entries.size(); i++) {
            Pending entry = entries.get(i);
            Message message = entry.message();
            SendResultHeaders.applyBatchEntry(entry.exchange().getMessage(), result, MessageClientIDSetter.getUniqID(message), i);
            lane.completed(entry);
        }
    }

    @Override
    public void onException(Throwable cause) {
        fail("was not sent: " + cause.getMessage(), cause);
    }

    void fail(String what, Throwable cause) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        lane.finished(this);
        String message = "The batch of " + entries.size() + " messages to topic " + lane.topic() + " " + what;
        for (Pending entry : entries) {
            entry.exchange().setException(new CamelExchangeException(message, entry.exchange(), cause));
            lane.completed(entry);
        }
    }
}

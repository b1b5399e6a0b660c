package io.rocketcamel.component.rocketmq.producer;

import io.rocketcamel.component.rocketmq.producer.lanes.LaneSender;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * batchSize above 1: exchanges of one message join their topic's (with an order key, their queue's) lane and are
 * sent together as RocketMQ batches; each completes when its batch is acknowledged. A list body with an order key
 * takes its queue's lane too, whole, so nothing of the key overtakes it (a list of several keys or topics, each key's
 * part its lane, all at once), and so does a delayed message with a key, sent alone in its place. What cannot be
 * batched and has no order to keep (delayed messages, list bodies without a key) takes the sendMode's direct path.
 */
final class BatchingSendPath implements SendPath {

    private final LaneSender lanes;
    private final SendPath direct;

    BatchingSendPath(LaneSender lanes, SendPath direct) {
        this.lanes = lanes;
        this.direct = direct;
    }

    @Override
    public boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        if (outgoing.batchable() || outgoing.ordered()) {
            lanes.add(exchange, outgoing, callback);
            return true;
        }
        return direct.send(exchange, outgoing, callback);
    }

    /** The lanes are stopped by the producer, after every path. */
    @Override
    public void stop() throws Exception {
        direct.stop();
    }
}

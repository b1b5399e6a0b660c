package io.rocketcamel.component.rocketmq.consumer.offsets;

import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The correction of an offset the broker refused. RocketMQ's client asks an offset store to take the broker's
 * correction only then: the queue's first message for an offset before it (expired messages), the queue's end for one
 * past it. Past the end, the offset counted messages of a queue that is no longer there (the topic deleted and created
 * again, a broker store started anew under a lasting offset file), so none of the messages now in the queue was
 * consumed, and taking the end would skip them all: the queue is read from its start instead. If its first message is
 * later, the broker corrects the offset upwards on the next pull.
 */
final class RecreatedQueues {

    private static final Logger LOG = LoggerFactory.getLogger(RecreatedQueues.class);

    private RecreatedQueues() {
    }

    /**
     * @param stored     the offset the consumer held, -1 when it held none
     * @param correction the broker's correction
     * @param holder     where the offset was kept, for the warning
     */
    static long correct(MessageQueue mq, long stored, long correction, Object holder) {
        if (stored <= correction) {
            return correction;
        }
        LOG.warn("Offset {} of {} ({}) is past the queue's end ({}): the queue was created again or its broker's store"
                 + " replaced since the offset was stored, so all its messages are consumed from its start", stored, mq,
                holder, correction);
        return 0;
    }
}

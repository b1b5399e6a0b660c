package io.rocketcamel.component.rocketmq.saga;

import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue of the saga log while this instance holds it. The consumer starts on a queue at the group's committed
 * offset, which is kept at the start of the replay window: the events up to the queue's end at that moment are
 * replayed (folded, nothing run: their outcomes may be further on), then every saga with a callback due gets it,
 * then each new event is folded and its saga driven.
 */
final class QueueSession {

    private static final Logger LOG = LoggerFactory.getLogger(QueueSession.class);

    private final SagaFold fold;
    private final CallbackDriver driver;
    private final String queue;
    private final long firstOffset;
    /** The queue's end when the session began: replay until there. */
    private final long replayEnd;
    private long nextOffset;
    private boolean replaying;
    private boolean discarded;
    /** The fold's replay start, for the offset store, which reads it from the client's other threads. */
    private volatile long replayStart = Long.MAX_VALUE;

    QueueSession(SagaFold fold, CallbackDriver driver, String queue, long firstOffset, long replayEnd) {
        this.fold = fold;
        this.driver = driver;
        this.queue = queue;
        this.firstOffset = firstOffset;
        this.replayEnd = replayEnd;
        this.nextOffset = firstOffset;
        this.replaying = true;
    }

    /**
     * Whether a message at this offset continues the session: the next one, or one read again after the consumer
     * retried a batch. Anything else means the consumer started over on the queue (it went away and came back).
     */
    boolean continuesAt(long offset) {
        return offset >= firstOffset && offset <= nextOffset;
    }

    /**
     * Folds the message and runs what it made due. Synchronized with {@link #discard()}: the client hands a queue to
     * another consumer (and this session is discarded) while a batch of it may still be in progress here.
     */
    synchronized void handle(MessageExt message) {
        if (discarded) {
            return;
        }
        try {
            fold(message);
        } finally {
            replayStart = fold.replayStart();
        }
    }

    private void fold(MessageExt message) {
        long offset = message.getQueueOffset();
        SagaState saga = null;
        if (offset == nextOffset) {
            saga = apply(message);
            nextOffset = offset + 1;
        }
        if (replaying) {
            if (nextOffset >= replayEnd) {
                replaying = false;
                LOG.debug("Saga queue {} replayed from {} to {}: {} saga(s) kept", queue, firstOffset, nextOffset,
                        fold.sagas().size());
                fold.sagas().forEach(kept -> driver.drive(fold, kept));
            }
        } else if (saga != null) {
            driver.drive(fold, saga);
        } else if (offset < nextOffset) {
            // a batch read again after a failed write: drive what the failure interrupted
            fold.sagas().forEach(kept -> driver.drive(fold, kept));
        }
    }

    /** The offset the group may commit: nothing beyond the start of the oldest saga kept. */
    long replayStart() {
        return replayStart;
    }

    synchronized void discard() {
        discarded = true;
        fold.discard();
    }

    private SagaState apply(MessageExt message) {
        SagaEvent event;
        try {
            event = SagaEvent.fromBytes(message.getBody());
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping message {} at offset {} of saga queue {}: {}", message.getMsgId(), message.getQueueOffset(),
                    queue, e.getMessage());
            return null;
        }
        return fold.apply(event, message.getQueueOffset(), message.getStoreTimestamp());
    }
}

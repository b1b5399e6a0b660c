package io.rocketcamel.testsupport;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.AppendMessageResult;
import org.apache.rocketmq.store.AppendMessageStatus;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.PutMessageStatus;
import org.apache.rocketmq.store.hook.PutMessageHook;

/**
 * A put hook for a real broker's message store ({@code getMessageStore().getPutMessageHookList()}): the store answers
 * the messages {@code which} accepts with {@code status} instead of storing them, as a broker whose page cache is
 * busy, whose disk is full or whose flush is slow does, and counts them. A status the broker answers as stored but not
 * safely (FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE) comes with a message id, as from a master that
 * later loses the message in a failover before a slave had it.
 */
public final class StoreRefusal implements PutMessageHook {

    private final String name;
    private final Predicate<MessageExt> which;
    private final PutMessageStatus status;
    private final AtomicInteger refused = new AtomicInteger();

    public StoreRefusal(String name, Predicate<MessageExt> which, PutMessageStatus status) {
        this.name = name;
        this.which = which;
        this.status = status;
    }

    /** How many puts were answered so far. */
    public AtomicInteger refused() {
        return refused;
    }

    @Override
    public String hookName() {
        return name;
    }

    @Override
    public PutMessageResult executeBeforePutMessage(MessageExt message) {
        if (!which.test(message)) {
            return null;
        }
        refused.incrementAndGet();
        return new PutMessageResult(status, storedUnsafely(status)
                ? new AppendMessageResult(AppendMessageStatus.PUT_OK, 0, 1, MessageClientIDSetter.createUniqID(),
                        System.currentTimeMillis(), 0, 0)
                : null);
    }

    private static boolean storedUnsafely(PutMessageStatus status) {
        return status == PutMessageStatus.FLUSH_DISK_TIMEOUT || status == PutMessageStatus.FLUSH_SLAVE_TIMEOUT
               || status == PutMessageStatus.SLAVE_NOT_AVAILABLE;
    }
}

package io.rocketcamel.broker;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.store.config.BrokerRole;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * The direct memory the brokers of this JVM may take, against what the JVM allows. Every broker thread that stores a
 * message keeps a direct buffer of maxMessageSize + 64 KiB for its life (RocketMQ's {@code MessageExtEncoder}, 4.06 MiB
 * by default), and a broker has about a hundred such threads once its pools are full (senders, POP and acknowledgement
 * threads writing checkpoints, replies, transaction ends, one thread per delay level, the timer's and POP's revivers).
 * When the JVM's limit is reached, the thread that cannot get its buffer fails every message it stores: seen as the
 * timer's delivery thread failing ("Cannot reserve ... bytes of direct buffer memory") in a 256 MiB JVM, after which
 * delayed, timer and POP-revived messages were no longer delivered (the fault suite counted them lost). The JVM's
 * limit is -XX:MaxDirectMemorySize, the maximum heap when not set, so a small heap is enough to get there.
 */
final class DirectMemoryBudget {

    /** A broker at rest, measured: 92 MiB direct, 38.7 MB of it the timer wheel's copy (docs/storage.md). */
    static final long AT_REST = 96L << 20;
    /** Single threads that store: transaction checks, POP's buffer merge, the escape bridge, the timer's warm-up. */
    private static final int SINGLE_STORING_THREADS = 4;
    private static final Map<Object, Long> RESERVED = new IdentityHashMap<>();

    private DirectMemoryBudget() {
    }

    /** The most direct memory one broker with these settings may take; a slave stores what replication brings. */
    static long need(BrokerConfig broker, MessageStoreConfig store) {
        if (store.getBrokerRole() == BrokerRole.SLAVE) {
            return AT_REST;
        }
        return AT_REST + storingThreads(broker, store) * encoderBuffer(store);
    }

    static long encoderBuffer(MessageStoreConfig store) {
        return store.getMaxMessageSize() + (64L << 10);
    }

    static int storingThreads(BrokerConfig broker, MessageStoreConfig store) {
        int delayLevels = store.getMessageDelayLevel().trim().split("\\s+").length;
        return broker.getSendMessageThreadPoolNums()
               // POP runs on the pull threads and stores a checkpoint per pop
               + broker.getPullMessageThreadPoolNums()
               + broker.getAckMessageThreadPoolNums()
               + broker.getProcessReplyMessageThreadPoolNums()
               + broker.getEndTransactionThreadPoolNums()
               + delayLevels
               + store.getTimerPutMessageThreadNum()
               + broker.getReviveQueueNum()
               + SINGLE_STORING_THREADS;
    }

    /** -XX:MaxDirectMemorySize, or the maximum heap when it is not set (the JVM's own rule). */
    static long jvmLimit() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long configured = hotspot == null ? 0 : Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
        return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
    }

    /**
     * Counts a started broker's need against the limit, with the other brokers running in this JVM.
     *
     * @return the warning to give when they may need more than the limit, {@code null} when they fit
     */
    static synchronized String reserve(Object broker, String name, long need, long limit) {
        RESERVED.put(broker, need);
        long total = RESERVED.values().stream().mapToLong(Long::longValue).sum();
        if (total <= limit) {
            return null;
        }
        long suggested = (total + (64L << 20) - 1) / (64L << 20) * 64;
        return "Broker " + name + ": the " + RESERVED.size() + " embedded broker(s) of this JVM may need up to "
               + mib(total) + " MiB of direct memory, and the JVM allows " + mib(limit) + " MiB (-XX:MaxDirectMemorySize,"
               + " the maximum heap when not set). Each broker thread that stores messages keeps a buffer of"
               + " maxMessageSize + 64 KiB; once the memory runs out, the thread that delivers delayed, timer and"
               + " POP-revived messages fails and they stay undelivered in the store. Start the JVM with"
               + " -XX:MaxDirectMemorySize=" + suggested + "m, or give the broker a smaller maxMessageSize or fewer"
               + " threads (brokerProperty)";
    }

    static synchronized void release(Object broker) {
        RESERVED.remove(broker);
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}

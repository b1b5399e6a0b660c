package io.rocketcamel.component.rocketmq.transaction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool a producer client answers the broker's check-backs on, sized by transactionCheckThreads (the client's own
 * has one thread), holding each transaction once. At each check the broker stores a new copy of the half message and
 * asks about that copy; a check-back still waiting here when the broker asks again is replaced by the new one (an
 * answer about the older copy would store the message a second time). The client's own queue holds 2,000 check-backs
 * and drops the next: a dropped one still counts as one of the transaction's checks, and the broker discards a half
 * message after its last (committed locally, never delivered). A checker slower than the broker asks, or thousands of
 * transactions left undecided at once, reached that within seconds at a one-second check interval; here check-backs
 * wait as long as they take at most {@value #WAITING_BYTES_MAX} bytes of heap (each its half message's size and
 * {@value #DECODED_BYTES} more: some 15,000 transactions of 1 KiB), and an answer that comes after the broker's last
 * check still stores the message (the broker takes an outcome for any copy it still has).
 *
 * <p>A check-back beyond that is dropped as the client's queue drops it (the broker asks again at its next check),
 * and logged: it must not wait on (or run on) the client's network thread. One that waits is answered as its
 * transaction stood when it arrived ({@link #endedWhenAsked()}).
 */
public final class CheckBackThreads extends AbstractExecutorService {

    private static final long WAITING_BYTES_MAX = 64L * 1024 * 1024;
    /**
     * Heap a waiting check-back takes beyond its half message's encoded size: the decoded message (properties and
     * all) and the client's request around it. Measured 2.5-2.7 KiB with the client 5.5.0's decoder, bodies of 100 B
     * to 16 KiB.
     */
    static final int DECODED_BYTES = 3 * 1024;
    /** Keys check-backs whose arrival the hook did not see: no transaction id starts so. */
    private static final String UNSEEN = "unseen arrival ";
    private static final Logger LOG = LoggerFactory.getLogger(CheckBackThreads.class);
    private static final long DROPPED_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** A check-back the client is taking: its transaction and the heap it takes while it waits. */
    private record Arriving(String transaction, int bytes) {
    }

    /** The check-back waiting for a thread, the broker's latest about its transaction. */
    private static final class Waiting {
        Runnable latest;
        int bytes;
        boolean endedWhenAsked;

        Waiting(Runnable latest, int bytes, boolean endedWhenAsked) {
            this.latest = latest;
            this.bytes = bytes;
            this.endedWhenAsked = endedWhenAsked;
        }
    }

    /** Whether the transaction of the check-back this thread answers had just ended here when the broker asked. */
    private static final ThreadLocal<Boolean> ANSWERING_ENDED_WHEN_ASKED = new ThreadLocal<>();

    /**
     * The check-back the client is taking on this thread: the client reads the request and hands its answer's work to
     * {@link #execute} on the thread that runs the RPC hooks, and the work itself does not tell.
     */
    private final ThreadLocal<Arriving> arriving = new ThreadLocal<>();
    /** Guarded by itself, as {@link #waitingBytes} and {@link #dropped}. */
    private final Map<String, Waiting> waiting = new HashMap<>();
    private long waitingBytes;
    private long dropped;
    private final AtomicLong unseenArrivals = new AtomicLong();
    private long droppedLoggedAt = System.nanoTime() - DROPPED_LOG_INTERVAL_NANOS;
    private final String group;
    private final ExecutorServiceManager manager;
    private final ExecutorService threads;
    private final long waitingBytesMax;
    private final Predicate<String> justEnded;
    private final Consumer<CheckBackThreads> shutDown;

    private CheckBackThreads(String group, ExecutorServiceManager manager, ExecutorService threads,
                             long waitingBytesMax, Predicate<String> justEnded, Consumer<CheckBackThreads> shutDown) {
        this.group = group;
        this.manager = manager;
        this.threads = threads;
        this.waitingBytesMax = waitingBytesMax;
        this.justEnded = justEnded;
        this.shutDown = shutDown;
    }

    /**
     * Threads are made as check-backs come and end after a minute without one.
     *
     * @param justEnded whether a transaction ended here a moment ago, asked as its check-back arrives: one that waits
     *                  for a thread longer than that moment is answered as it arrived ({@link #endedWhenAsked()})
     * @param shutDown  told when the pool shuts down
     */
    static CheckBackThreads of(CamelContext context, Object source, RocketMQConfiguration configuration, String group,
                               Predicate<String> justEnded, Consumer<CheckBackThreads> shutDown) {
        return of(context, source, configuration.getTransactionCheckThreads(), group, WAITING_BYTES_MAX, justEnded,
                shutDown);
    }

    static CheckBackThreads of(CamelContext context, Object source, int threads, String group, long waitingBytesMax,
                               Predicate<String> justEnded, Consumer<CheckBackThreads> shutDown) {
        ThreadPoolProfile profile = new ThreadPoolProfile("RocketMQCheckBacks");
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        // bounded here, in the heap waiting check-backs take (Camel's pools take 0 or less for no queue at all)
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        profile.setAllowCoreThreadTimeOut(true);
        profile.setKeepAliveTime(60L);
        // never the caller's: that is the client's network thread
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        ExecutorServiceManager manager = context.getExecutorServiceManager();
        return new CheckBackThreads(group, manager,
                manager.newThreadPool(source, "RocketMQCheckBacks[" + group + "]", profile), waitingBytesMax, justEnded,
                shutDown);
    }

    /** The client's RPC hook, also telling this pool which transaction each check-back the client takes is about. */
    public RPCHook readingTransactions(RPCHook clientHook) {
        return new RPCHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                if (request.getCode() == RequestCode.CHECK_TRANSACTION_STATE && request.getExtFields() != null) {
                    arriving.set(new Arriving(request.getExtFields().get("transactionId"),
                            DECODED_BYTES + (request.getBody() == null ? 0 : request.getBody().length)));
                }
                clientHook.doBeforeRequest(remoteAddr, request);
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                if (request.getCode() == RequestCode.CHECK_TRANSACTION_STATE) {
                    arriving.remove();
                }
                clientHook.doAfterResponse(remoteAddr, request, response);
            }
        };
    }

    @Override
    public void execute(Runnable answer) {
        Arriving seen = arriving.get();
        arriving.remove();
        boolean arrivalSeen = seen != null && seen.transaction() != null;
        // one the hook did not see arrive (a client handing the work over on another thread than the hooks'): its
        // transaction and size unknown, it waits on its own, charged as a small half message
        Arriving check = arrivalSeen ? seen : new Arriving(UNSEEN + unseenArrivals.incrementAndGet(), DECODED_BYTES);
        boolean ended = arrivalSeen && justEnded.test(check.transaction());
        Waiting mine;
        synchronized (waiting) {
            Waiting before = waiting.get(check.transaction());
            if (before != null) {
                waitingBytes += check.bytes() - before.bytes;
                before.latest = answer;
                before.bytes = check.bytes();
                before.endedWhenAsked |= ended;
                return;
            }
            if (waitingBytes + check.bytes() > waitingBytesMax) {
                logDropped();
                return;
            }
            mine = new Waiting(answer, check.bytes(), ended);
            waiting.put(check.transaction(), mine);
            waitingBytes += mine.bytes;
        }
        try {
            threads.execute(() -> answer(take(check.transaction(), mine)));
        } catch (RejectedExecutionException e) {
            // shut down: a check-back arriving later must not be added to one that never runs
            take(check.transaction(), mine);
            throw e;
        }
    }

    /** Taken out first: a check-back arriving from now on waits for a thread of its own. */
    private Waiting take(String transaction, Waiting mine) {
        synchronized (waiting) {
            if (waiting.remove(transaction, mine)) {
                waitingBytes -= mine.bytes;
            }
            return mine;
        }
    }

    /** @param taken out of the waiting ones: nothing changes it any more */
    private static void answer(Waiting taken) {
        ANSWERING_ENDED_WHEN_ASKED.set(taken.endedWhenAsked);
        try {
            taken.latest.run();
        } finally {
            ANSWERING_ENDED_WHEN_ASKED.remove();
        }
    }

    /**
     * Asked while a check-back is answered: whether its transaction had ended here a moment before the broker's
     * check-back (or an earlier one it replaced) arrived. Its outcome crossed the check-back then, however long the
     * check-back waited for a thread.
     */
    static boolean endedWhenAsked() {
        return Boolean.TRUE.equals(ANSWERING_ENDED_WHEN_ASKED.get());
    }

    /** Guarded by {@link #waiting}. */
    private void logDropped() {
        dropped++;
        long now = System.nanoTime();
        if (now - droppedLoggedAt >= DROPPED_LOG_INTERVAL_NANOS) {
            droppedLoggedAt = now;
            LOG.warn("Producer group {}: {} check-backs dropped so far, more than may wait for a check thread ({}"
                     + " bytes of heap); each still counts as one of its transaction's checks"
                     + " (transactionCheckMax). Give the transactionChecker more transactionCheckThreads",
                    group, dropped, waitingBytesMax);
        }
    }

    /** Check-backs waiting for a thread now. */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** Check-backs dropped since the pool started, more than could wait. */
    long dropped() {
        synchronized (waiting) {
            return dropped;
        }
    }

    String group() {
        return group;
    }

    @Override
    public void shutdown() {
        manager.shutdown(threads);
        shutDown.accept(this);
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> neverRun = manager.shutdownNow(threads);
        shutDown.accept(this);
        return neverRun;
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }
}

package io.rocketcamel.component.rocketmq.consumer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.RemotingClient;
import org.apache.rocketmq.remoting.netty.NettyRemotingAbstract;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.header.PopMessageRequestHeader;

/**
 * The pops a POP consumer's client has waiting at its brokers, seen through its network client's hook. A pop waits
 * at the broker up to 15 s (the client's fixed long poll) and is answered as soon as a message comes: one answered
 * after the client's POP service stopped is dropped by the client, and its messages come back to the group after
 * popInvisibleTime, counted as an attempt (dead-lettered unrun on their last one). A stop therefore waits, once the
 * client stopped popping, for the pops waiting on a topic that brought messages lately, so that what they bring
 * reaches the consumer while it can still hand it back. A pop waiting on a quiet topic is not waited for: it would
 * hold every stop of an idle route for its whole poll, and it brings something only if a message comes in the
 * milliseconds the client then takes to close.
 */
final class PopsInFlight implements RPCHook {

    /** A topic that brought no message for this long is quiet: its waiting pops are not waited for. */
    private static final long QUIET_MILLIS = 2_000;
    /**
     * A pop the client was sending as it was paused reaches this hook right after the client's check; and an answer's
     * messages reach the POP service on the thread that ran this hook, right after it: the wait sees that thread busy
     * in the client's callback pool ({@link #handingOver}), and gives this much where the client has no such pool.
     */
    private static final long HANDOVER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How often the wait looks whether the answers' callbacks have ended. */
    private static final long CALLBACKS_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** A pop with no answer by then failed (its timeout, its connection closed), which this hook is not told of. */
    private static final long FORGOTTEN_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);

    private final Map<Integer, WaitingPop> waiting = new ConcurrentHashMap<>();
    private final Map<String, Long> lastFound = new ConcurrentHashMap<>();
    private volatile long lastFoundAny = System.nanoTime() - QUIET_NANOS;
    /** Runs this hook and, after it, the answer's callback, which hands its messages to the POP service; or null. */
    private final ExecutorService callbacks;
    private volatile boolean awaited;

    private record WaitingPop(String topic, long sentNanos) {
    }

    private PopsInFlight(ExecutorService callbacks) {
        this.callbacks = callbacks;
    }

    /** Watches the started client's pops from now on. */
    static PopsInFlight watch(DefaultMQPushConsumer client) {
        RemotingClient remoting = client.getDefaultMQPushConsumerImpl().getmQClientFactory().getMQClientAPIImpl()
                .getRemotingClient();
        PopsInFlight pops = new PopsInFlight(
                remoting instanceof NettyRemotingAbstract netty ? netty.getCallbackExecutor() : null);
        remoting.registerRPCHook(pops);
        return pops;
    }

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        if (request.getCode() == RequestCode.POP_MESSAGE
            && request.readCustomHeader() instanceof PopMessageRequestHeader header) {
            long now = System.nanoTime();
            waiting.values().removeIf(pop -> now - pop.sentNanos() > FORGOTTEN_NANOS);
            waiting.put(request.getOpaque(), new WaitingPop(header.getTopic(), now));
        }
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        if (request.getCode() != RequestCode.POP_MESSAGE) {
            return;
        }
        WaitingPop pop = waiting.remove(request.getOpaque());
        if (pop != null && response != null && response.getCode() == ResponseCode.SUCCESS) {
            long now = System.nanoTime();
            lastFound.put(pop.topic(), now);
            lastFoundAny = now;
        }
        if (awaited) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Waits until no pop waits on a topic that brought messages within the last {@link #QUIET_MILLIS}, and the last
     * answer with messages was handed to the POP service. The client was paused just before: a pop it was sending then
     * is seen within the first moments of the wait.
     *
     * @return whether they were answered within the timeout
     */
    synchronized boolean awaitAnswered(long timeoutMillis) throws InterruptedException {
        awaited = true;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long now = System.nanoTime();
            long wait = Math.max(start + HANDOVER_NANOS - now, untilAnswered(now));
            if (wait <= 0 && handingOver()) {
                wait = CALLBACKS_POLL_NANOS;
            }
            if (wait <= 0) {
                return true;
            }
            if (now - deadline >= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(wait, deadline - now));
        }
    }

    /** How long, at most, until the pops count as answered if nothing is answered meanwhile; 0 or less: they are. */
    private long untilAnswered(long now) {
        long wait = lastFoundAny + HANDOVER_NANOS - now;
        for (WaitingPop pop : waiting.values()) {
            Long found = lastFound.get(pop.topic());
            if (found != null && now - pop.sentNanos() < FORGOTTEN_NANOS) {
                wait = Math.max(wait, found + QUIET_NANOS - now);
            }
        }
        return wait;
    }

    /**
     * Whether answers may still be on their way to the POP service: this hook runs on the client's callback thread,
     * and the answer's callback right after it on the same thread, so a thread busy there may be handing over the
     * messages of an answer this hook saw. On a busy machine that thread was seen to take longer than any fixed grace
     * (20 ms): the POP service stopped first, and the client dropped the answer's messages, which came back counted.
     */
    private boolean handingOver() {
        return callbacks instanceof ThreadPoolExecutor pool
               && (pool.getActiveCount() > 0 || !pool.getQueue().isEmpty());
    }

    /** How many pops wait at the brokers, for the stop's warning. */
    int waiting() {
        return waiting.size();
    }
}

package io.rocketcamel.component.rocketmq.producer;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;

/**
 * The threads of a producer's InOut exchanges: a timer for their timeouts, and a pool where their routes go on once
 * the reply or the timeout came. Not on the client's thread that took a RIP-16 reply: the broker's push of the reply
 * waits for that thread, and the replier's send of the reply waits for the push. Not on the timer's one thread: every
 * other request's timeout would wait for the route.
 */
final class InOutThreads {

    private final ScheduledExecutorService timer;
    private final Executor pool;

    InOutThreads(ScheduledExecutorService timer, Executor pool) {
        this.timer = timer;
        this.pool = pool;
    }

    ScheduledFuture<?> after(long millis, Runnable timeout) {
        return timer.schedule(timeout, millis, TimeUnit.MILLISECONDS);
    }

    /** When the pool is full or stopped, the route goes on where it is rather than never. */
    void resume(AsyncCallback callback) {
        try {
            pool.execute(() -> callback.done(false));
        } catch (RejectedExecutionException fullOrStopped) {
            callback.done(false);
        }
    }
}

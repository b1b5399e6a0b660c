package io.rocketcamel.component.rocketmq.producer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The threads of a producer's InOut exchanges: a timer for their timeouts, and a pool where their routes go on once
 * the reply or the timeout came. Not on the client's thread that took a RIP-16 reply: the broker's push of the reply
 * waits for that thread, and the replier's send of the reply waits for the push. Not on the timer's one thread: every
 * other request's timeout would wait for the route. Made with the producer's first InOut exchange: most producers
 * never see one.
 */
final class InOutThreads {

    private final ExecutorServiceManager manager;
    private final Object source;
    private ScheduledExecutorService timer;
    private ExecutorService pool;
    private boolean stopped;

    InOutThreads(ExecutorServiceManager manager, Object source) {
        this.manager = manager;
        this.source = source;
    }

    ScheduledFuture<?> after(long millis, Runnable timeout) {
        ScheduledExecutorService started;
        synchronized (this) {
            if (stopped) {
                // a send racing the producer's stop: threads made now would outlive it
                throw new RejectedExecutionException("The RocketMQ producer stopped");
            }
            if (timer == null) {
                timer = UnboundedTimer.of(manager, source, "RocketMQReplyTimeouts");
                ThreadPoolProfile profile = new ThreadPoolProfile("RocketMQReplies");
                profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
                pool = manager.newThreadPool(source, "RocketMQReplies", profile);
            }
            started = timer;
        }
        return started.schedule(timeout, millis, TimeUnit.MILLISECONDS);
    }

    /** When the pool is full or stopped, the route goes on where it is rather than never. */
    void resume(AsyncCallback callback) {
        ExecutorService started;
        synchronized (this) {
            started = pool;
        }
        if (started != null) {
            try {
                started.execute(() -> callback.done(false));
                return;
            } catch (RejectedExecutionException fullOrStopped) {
                // full or stopped: the route goes on here
            }
        }
        callback.done(false);
    }

    synchronized void stop() {
        stopped = true;
        if (timer != null) {
            manager.shutdown(timer);
            manager.shutdown(pool);
            timer = null;
            pool = null;
        }
    }
}

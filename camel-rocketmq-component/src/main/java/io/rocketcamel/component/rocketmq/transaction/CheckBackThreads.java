package io.rocketcamel.component.rocketmq.transaction;

import java.util.concurrent.ExecutorService;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The pool a producer client answers the broker's check-backs on, sized by transactionCheckThreads: the client's own
 * has one thread. Its queue and refusal are the client's own: a check-back refused when the queue is full is one the
 * broker sends again at its next check, so it must not wait on (or run on) the client's network thread.
 */
public final class CheckBackThreads {

    private static final int QUEUED_CHECK_BACKS = 2_000;

    private CheckBackThreads() {
    }

    /** Threads are made as check-backs come and end after a minute without one. */
    public static ExecutorService of(CamelContext context, Object source, RocketMQConfiguration configuration,
                                     String group) {
        ThreadPoolProfile profile = new ThreadPoolProfile("RocketMQCheckBacks");
        profile.setPoolSize(configuration.getTransactionCheckThreads());
        profile.setMaxPoolSize(configuration.getTransactionCheckThreads());
        profile.setMaxQueueSize(QUEUED_CHECK_BACKS);
        profile.setAllowCoreThreadTimeOut(true);
        profile.setKeepAliveTime(60L);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        return context.getExecutorServiceManager().newThreadPool(source, "RocketMQCheckBacks[" + group + "]", profile);
    }
}

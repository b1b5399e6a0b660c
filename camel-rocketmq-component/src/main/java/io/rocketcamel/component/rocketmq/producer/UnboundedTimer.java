package io.rocketcamel.component.rocketmq.producer;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;

/**
 * A producer's timer: one thread, holding a task per waiting exchange (a request's timeout, a send's back-off).
 * Camel's single-thread scheduler refuses tasks beyond 1,000, which failed the 1,001st request waiting at once.
 */
final class UnboundedTimer {

    private UnboundedTimer() {
    }

    static ScheduledExecutorService of(ExecutorServiceManager manager, Object source, String name) {
        ThreadPoolProfile profile = new ThreadPoolProfile(name);
        profile.setPoolSize(1);
        profile.setMaxPoolSize(1);
        profile.setKeepAliveTime(0L);
        profile.setAllowCoreThreadTimeOut(false);
        profile.setMaxQueueSize(-1);
        return manager.newScheduledThreadPool(source, name, profile);
    }
}

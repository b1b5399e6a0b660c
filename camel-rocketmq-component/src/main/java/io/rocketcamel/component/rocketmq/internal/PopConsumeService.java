package io.rocketcamel.component.rocketmq.internal;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.ConsumeMessagePopConcurrentlyService;
import org.apache.rocketmq.client.impl.consumer.ConsumeMessagePopOrderlyService;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The POP consume service a RocketMQ 5.5.0 push consumer builds and starts beside its own, whatever it consumes, and
 * that its shutdown never shuts down. Neither it nor its parts have getters: they are read from their fields, and a
 * client without such a field is shut down as before, with one WARN per JVM.
 */
final class PopConsumeService {

    private static final Logger LOG = LoggerFactory.getLogger(PopConsumeService.class);
    private static final String SERVICE_FIELD = "consumeMessagePopService";
    private static final String LOCK_TIMER_FIELD = "scheduledExecutorService";
    /** A lock renewal under way when the timer stops: one lock request, answered within 1 s. */
    private static final long LOCK_RENEWAL_MILLIS = 2_000;
    private static final AtomicBoolean WARNED_OF_SERVICE = new AtomicBoolean();
    private static final AtomicBoolean WARNED_OF_LOCK_TIMER = new AtomicBoolean();

    private PopConsumeService() {
    }

    /**
     * Stops the consumer's POP consume service before the client shuts down. The concurrent one (CONCURRENTLY,
     * BROADCASTING and POP listeners) is shut down with the grace the client gives its other consume threads: a POP
     * consumer's exchanges then finish and are acknowledged before the client closes, and its threads end.
     * <p>
     * The orderly one (ORDERLY listeners, which never pop: the client rebalances their queues itself) only ran a timer
     * thread, not a daemon, that renews the locks of the consumer's pulled queues every 20 s: left running, every
     * stopped ORDERLY consumer left one behind, so a JVM whose routes all stopped never ended. Only the timer is
     * stopped, and before the client's shutdown: the service's own shutdown unlocks the consumer's queues on the
     * brokers, which must wait until the client's orderly exchanges finished, and a renewal coming after the client
     * unlocked them would lock them again for a client about to go, keeping the group's next consumer off them until
     * the brokers' locks expire.
     */
    static void stopBeforeClientShutdown(DefaultMQPushConsumer consumer) {
        Object service = read(DefaultMQPushConsumerImpl.class, SERVICE_FIELD, consumer.getDefaultMQPushConsumerImpl(),
                WARNED_OF_SERVICE, consumer.getConsumerGroup(),
                "a POP consumer's exchanges in flight may run after it closed and an ORDERLY consumer leaves a thread");
        // null before the client started
        if (service instanceof ConsumeMessagePopConcurrentlyService pop) {
            pop.shutdown(consumer.getAwaitTerminationMillisWhenShutdown());
        } else if (service instanceof ConsumeMessagePopOrderlyService pop
                   && read(ConsumeMessagePopOrderlyService.class, LOCK_TIMER_FIELD, pop, WARNED_OF_LOCK_TIMER,
                           consumer.getConsumerGroup(), "each stopped ORDERLY consumer leaves a thread")
                           instanceof ExecutorService lockTimer) {
            stop(lockTimer);
        }
    }

    private static void stop(ExecutorService lockTimer) {
        lockTimer.shutdown();
        try {
            lockTimer.awaitTermination(LOCK_RENEWAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Object read(Class<?> type, String name, Object owner, AtomicBoolean warned, String group,
                               String consequence) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("Cannot stop the POP consume service of consumer group {}: this RocketMQ client has no field {}"
                         + " in {} ({}); {} (logged once)", group, name, type.getSimpleName(), e.toString(), consequence);
            }
            return null;
        }
    }
}

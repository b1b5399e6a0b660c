package io.rocketcamel.component.rocketmq.internal;

import java.lang.reflect.Field;

import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.consumer.ConsumeMessagePopConcurrentlyService;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.remoting.RemotingClient;
import org.apache.rocketmq.remoting.netty.NettyEvent;
import org.apache.rocketmq.remoting.netty.NettyEventType;
import org.apache.rocketmq.remoting.netty.NettyRemotingAbstract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shuts a RocketMQ client down without waiting out its event thread. The client's last step, closing its network
 * client, joins that thread, which polls its event queue for 3 s at a time and is not woken by the shutdown: each
 * client took up to 3 s to stop, after its offsets were committed and its connections closed, and Camel stops routes
 * one after the other. While the shutdown runs, an idle event (which the client's listener ignores) is put in the
 * queue every few milliseconds, so the thread sees it is stopped at once.
 */
public final class PromptShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(PromptShutdown.class);
    private static final long WAKE_MILLIS = 20;
    private static final String POP_SERVICE_FIELD = "consumeMessagePopService";

    private PromptShutdown() {
    }

    /**
     * Also shuts down the client's POP consume service, with the grace the client gives its other consume threads,
     * before the client closes: the RocketMQ 5.5.0 client's shutdown leaves it running, so its exchanges ran after the
     * client closed (their acknowledgements skipped) and its threads were never stopped.
     */
    public static void of(DefaultMQPushConsumer consumer) {
        run(consumer.getDefaultMQPushConsumerImpl().getmQClientFactory(), () -> {
            shutdownPopService(consumer);
            consumer.shutdown();
        });
    }

    public static void of(DefaultMQProducer producer) {
        run(producer.getDefaultMQProducerImpl().getmQClientFactory(), producer::shutdown);
    }

    /** A lite pull consumer keeps its client instance to itself: it is found by its client id, never created here. */
    public static void of(DefaultLitePullConsumer consumer) {
        run(MQClientManager.getInstance().getFactoryTable().get(consumer.buildMQClientId()), consumer::shutdown);
    }

    /**
     * The service has no getter in the 5.5.0 client: it is read from the field; a client without that field is
     * shut down as before, with a WARN.
     */
    private static void shutdownPopService(DefaultMQPushConsumer consumer) {
        Object service;
        try {
            Field field = DefaultMQPushConsumerImpl.class.getDeclaredField(POP_SERVICE_FIELD);
            field.setAccessible(true);
            service = field.get(consumer.getDefaultMQPushConsumerImpl());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot shut down the POP consume threads of consumer group {} (this RocketMQ client has no field {}"
                     + " in DefaultMQPushConsumerImpl: {}); a POP consumer's exchanges in flight may run after it closed",
                    consumer.getConsumerGroup(), POP_SERVICE_FIELD, e.toString());
            return;
        }
        // null before the client started. An orderly listener's POP service is left alone: its shutdown unlocks the
        // consumer's queues on the brokers while its orderly exchanges may still run (it pops nothing here)
        if (service instanceof ConsumeMessagePopConcurrentlyService pop) {
            pop.shutdown(consumer.getAwaitTerminationMillisWhenShutdown());
        }
    }

    private static void run(MQClientInstance instance, Runnable shutdown) {
        RemotingClient remoting = instance == null ? null : instance.getMQClientAPIImpl().getRemotingClient();
        if (!(remoting instanceof NettyRemotingAbstract netty)) {
            shutdown.run();
            return;
        }
        Thread waker = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    netty.putNettyEvent(new NettyEvent(NettyEventType.IDLE, "", null));
                    Thread.sleep(WAKE_MILLIS);
                }
            } catch (InterruptedException e) {
                // the shutdown returned
            }
        }, "rocketcamel-client-shutdown-waker");
        waker.setDaemon(true);
        waker.start();
        try {
            shutdown.run();
        } finally {
            waker.interrupt();
        }
    }
}

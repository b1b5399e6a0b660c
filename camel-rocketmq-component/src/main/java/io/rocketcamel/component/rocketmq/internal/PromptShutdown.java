package io.rocketcamel.component.rocketmq.internal;

import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.consumer.PullMessageService;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.remoting.RemotingClient;
import org.apache.rocketmq.remoting.netty.NettyEvent;
import org.apache.rocketmq.remoting.netty.NettyEventType;
import org.apache.rocketmq.remoting.netty.NettyRemotingAbstract;

/**
 * Shuts a RocketMQ client down without waiting out its event thread. The client's last step, closing its network
 * client, joins that thread, which polls its event queue for 3 s at a time and is not woken by the shutdown: each
 * client took up to 3 s to stop, after its offsets were committed and its connections closed, and Camel stops routes
 * one after the other. While the shutdown runs, an idle event (which the client's listener ignores) is put in the
 * queue every few milliseconds, so the thread sees it is stopped at once.
 */
public final class PromptShutdown {

    private static final long WAKE_MILLIS = 20;

    private PromptShutdown() {
    }

    /**
     * Also stops the client's POP consume service before the client closes, which the RocketMQ 5.5.0 client's shutdown
     * leaves running: a POP consumer's exchanges ran after the client closed (their acknowledgements skipped) and its
     * threads were never stopped, and every ORDERLY consumer left a thread ({@link PopConsumeService}).
     */
    public static void of(DefaultMQPushConsumer consumer) {
        MQClientInstance instance = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory();
        run(instance, () -> {
            PopConsumeService.stopBeforeClientShutdown(consumer);
            dropDelayedPulls(instance);
            consumer.shutdown();
        });
    }

    /**
     * Camel pauses a consumer before it stops it, and a paused client re-queues its pull (or pop) request with a 1 s
     * delay; its shutdown then waits up to 1 s for the scheduler holding it, so each route's stop took up to a second
     * more. A client instance that closes with this consumer stops its pull service before the client's shutdown:
     * nothing is re-queued any more (the service drops what comes), and what is waiting is dropped with the scheduler.
     * An instance shared through its instance name with another consumer, or a producer (beside the client's inner
     * one), stays open, and a consumer registering with it later would never pull.
     */
    private static void dropDelayedPulls(MQClientInstance instance) {
        // null before the client started
        if (instance == null || instance.getConsumerTable().size() > 1 || instance.getProducerTable().size() > 1) {
            return;
        }
        PullMessageService pulls = instance.getPullMessageService();
        pulls.makeStop();
        pulls.getScheduledExecutorService().shutdownNow();
    }

    public static void of(DefaultMQProducer producer) {
        run(producer.getDefaultMQProducerImpl().getmQClientFactory(), producer::shutdown);
    }

    /** A lite pull consumer keeps its client instance to itself: it is found by its client id, never created here. */
    public static void of(DefaultLitePullConsumer consumer) {
        run(MQClientManager.getInstance().getFactoryTable().get(consumer.buildMQClientId()), consumer::shutdown);
    }

    /**
     * Any other client (an admin client) whose client instance is its own.
     *
     * @param shutdown the client's shutdown, which closes the instance
     */
    public static void of(MQClientInstance instance, Runnable shutdown) {
        run(instance, shutdown);
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

package io.rocketcamel.component.rocketmq.saga;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;

/**
 * The saga group's offsets on the broker, never beyond the start of a queue's replay window: whichever instance
 * consumes the queue next (after a rebalance, a restart or a crash) starts there and replays every saga this one still
 * kept. The consumer commits what it consumed; this store commits the lower of that and the window's start.
 */
final class ReplayWindowOffsetStore extends RemoteBrokerOffsetStore {

    /** The replay windows of the queues, kept by the consumer's sessions. */
    interface Window {

        /** The first offset a new consumer of the queue must read; {@link Long#MAX_VALUE} when it may skip all. */
        long replayStart(MessageQueue queue);

        /** The queue went to another consumer (or this one stops): its state here is stale. */
        void released(MessageQueue queue);
    }

    private final Window window;

    private ReplayWindowOffsetStore(MQClientInstance client, String group, Window window) {
        super(client, group);
        this.window = window;
    }

    /**
     * Installs the store on a consumer that is not started yet. The client instance is the one the consumer's start
     * will find: RocketMQ keeps one per client id, which the consumer's own instance name fixes.
     */
    static void install(DefaultMQPushConsumer consumer, RPCHook rpcHook, Window window) {
        MQClientInstance client = MQClientManager.getInstance().getOrCreateMQClientInstance(consumer, rpcHook);
        // the consumer prefixes its group with the namespace only in start(), after it has taken this store
        String group = NamespaceUtil.wrapNamespace(consumer.getNamespace(), consumer.getConsumerGroup());
        consumer.setOffsetStore(new ReplayWindowOffsetStore(client, group, window));
    }

    @Override
    public void updateOffset(MessageQueue queue, long offset, boolean increaseOnly) {
        super.updateOffset(queue, Math.min(offset, window.replayStart(queue)), increaseOnly);
    }

    @Override
    public void removeOffset(MessageQueue queue) {
        super.removeOffset(queue);
        window.released(queue);
    }
}

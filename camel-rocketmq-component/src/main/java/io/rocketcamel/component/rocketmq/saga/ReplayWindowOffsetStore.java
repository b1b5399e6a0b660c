package io.rocketcamel.component.rocketmq.saga;

import io.rocketcamel.component.rocketmq.internal.SilentBrokers;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
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
    private final SilentBrokers silentBrokers;

    private ReplayWindowOffsetStore(MQClientInstance client, String group, Window window) {
        super(client, group);
        this.window = window;
        this.silentBrokers = SilentBrokers.install(client);
    }

    /**
     * Installs the store on a consumer that is not started yet.
     *
     * @param client the client instance the consumer's start will find: RocketMQ keeps one per client id, which the
     *               consumer's own instance name fixes
     */
    static void install(DefaultMQPushConsumer consumer, MQClientInstance client, Window window) {
        // the consumer prefixes its group with the namespace only in start(), after it has taken this store
        String group = NamespaceUtil.wrapNamespace(consumer.getNamespace(), consumer.getConsumerGroup());
        consumer.setOffsetStore(new ReplayWindowOffsetStore(client, group, window));
    }

    /**
     * A read on a broker that does not answer fails at once, as a failed read does (-2), rather than after the
     * timeout: the reads run one after another, in the pulls' one thread, and each held every queue's pull, those of
     * the brokers that answer too ({@code HungBrokerSagaIT}).
     */
    @Override
    public long readOffset(MessageQueue queue, ReadOffsetType type) {
        if (type == ReadOffsetType.READ_FROM_STORE && silentBrokers.isSilentFor(queue)) {
            return -2;
        }
        return super.readOffset(queue, type);
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

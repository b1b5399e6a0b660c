package io.rocketcamel.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.RPCHook;

/**
 * Official-client producers and consumers for tests that check what the broker does without Camel: each with a
 * unique group and instance name and {@link Patience}'s timeouts, closed together in parallel (each client takes
 * about 3 s to shut down).
 */
public final class TestClients implements AutoCloseable {

    private final String namesrvAddr;
    private final List<Runnable> closers = new ArrayList<>();

    public TestClients(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    public DefaultMQProducer producer() throws Exception {
        return producer(null);
    }

    /** A started producer signing its requests with the hook (null: unsigned). */
    public DefaultMQProducer producer(RPCHook signing) throws Exception {
        DefaultMQProducer producer = configure(new DefaultMQProducer(TestNames.unique("pg"), signing));
        producer.start();
        closers.add(producer::shutdown);
        return producer;
    }

    /** The cluster, a unique instance name and short intervals; for producers also the patient send timeout. */
    public <T extends ClientConfig> T configure(T client) {
        client.setNamesrvAddr(namesrvAddr);
        client.setInstanceName(TestNames.unique("instance"));
        client.setHeartbeatBrokerInterval((int) Patience.CLIENT_INTERVAL.toMillis());
        client.setPollNameServerInterval((int) Patience.CLIENT_INTERVAL.toMillis());
        if (client instanceof DefaultMQProducer producer) {
            producer.setSendMsgTimeout((int) Patience.SEND_TIMEOUT.toMillis());
        }
        return client;
    }

    /** A consumer from the first offset; start it with {@link #start(DefaultMQPushConsumer)}. */
    public DefaultMQPushConsumer consumer(String group) {
        return consumer(group, null);
    }

    public DefaultMQPushConsumer consumer(String group, RPCHook signing) {
        DefaultMQPushConsumer consumer = configure(new DefaultMQPushConsumer(group, signing));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        return consumer;
    }

    public DefaultMQPushConsumer start(DefaultMQPushConsumer consumer) throws Exception {
        consumer.start();
        closers.add(consumer::shutdown);
        return consumer;
    }

    /** Starts a concurrently consuming consumer that collects what it receives into {@code received}. */
    public DefaultMQPushConsumer collect(String group, String topic, String subExpression, Queue<MessageExt> received)
            throws Exception {
        DefaultMQPushConsumer consumer = consumer(group);
        consumer.subscribe(topic, subExpression);
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            received.addAll(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        return start(consumer);
    }

    @Override
    public void close() {
        closers.parallelStream().forEach(Runnable::run);
        closers.clear();
    }
}

package io.rocketcamel.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.RPCHook;

/**
 * Official-client producers and consumers for the tests, each with a unique group and instance name, closed together
 * in parallel (each client takes about 3 s to shut down).
 */
final class TestClients implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String namesrvAddr;
    private final List<Runnable> closers = new ArrayList<>();

    TestClients(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    DefaultMQProducer producer() throws Exception {
        return producer(null);
    }

    /** A started producer signing its requests with the hook (null: unsigned). */
    DefaultMQProducer producer(RPCHook signing) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(unique("pg"), signing);
        configure(producer);
        patient(producer);
        producer.start();
        closers.add(producer::shutdown);
        return producer;
    }

    <T extends org.apache.rocketmq.client.ClientConfig> T configure(T client) {
        client.setNamesrvAddr(namesrvAddr);
        client.setInstanceName(unique("instance"));
        // The client's 30 s default lets a start-up race stall a new consumer for 30 s.
        client.setHeartbeatBrokerInterval(1000);
        client.setPollNameServerInterval(1000);
        return client;
    }

    /**
     * A loaded 2-core CI machine took over the client's default 3 s for the first send of a run (route look-up plus
     * send): give sends 10 s.
     */
    static <T extends DefaultMQProducer> T patient(T producer) {
        producer.setSendMsgTimeout(10_000);
        return producer;
    }

    /** A consumer that records every message it gets; start it with {@link #start(DefaultMQPushConsumer)}. */
    DefaultMQPushConsumer consumer(String group) {
        return consumer(group, null);
    }

    DefaultMQPushConsumer consumer(String group, RPCHook signing) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group, signing);
        configure(consumer);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        return consumer;
    }

    DefaultMQPushConsumer start(DefaultMQPushConsumer consumer) throws Exception {
        consumer.start();
        closers.add(consumer::shutdown);
        return consumer;
    }

    /** Starts a concurrently consuming consumer that collects what it receives into {@code received}. */
    DefaultMQPushConsumer collect(String group, String topic, String subExpression, ConcurrentLinkedQueue<MessageExt> received)
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

package io.rocketcamel.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.rocketcamel.benchmarks.BrokerStore;
import io.rocketcamel.benchmarks.Workload;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The official client through the same harness as the Camel peers (callers, windows, latency): the ceiling for any
 * component's overhead. The plain loop next to it shows what the harness itself costs.
 */
final class RawClientPeer implements Peer {

    static final MessageQueueSelector BY_KEY = (queues, message, key) -> queues.get(Math.floorMod(key.hashCode(), queues.size()));
    /** Commits every transaction at once, as a route whose local transaction succeeded. */
    static final TransactionListener COMMIT = new TransactionListener() {
        @Override
        public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
            return LocalTransactionState.COMMIT_MESSAGE;
        }

        @Override
        public LocalTransactionState checkLocalTransaction(MessageExt message) {
            return LocalTransactionState.COMMIT_MESSAGE;
        }
    };

    private final BrokerStore store;

    RawClientPeer(BrokerStore store) {
        this.store = store;
    }

    @Override
    public String id() {
        return "raw";
    }

    @Override
    public String label() {
        return "raw rocketmq-client";
    }

    @Override
    public String unsupported(Workload workload) {
        return workload.ours().isEmpty() ? null : "the client has no automatic batching: see the batch workload";
    }

    @Override
    public PeerSession open(Workload workload, String topic) throws Exception {
        return new HarnessSession(workload, new RawSender(producer(store, workload, "raw-" + topic), topic, workload.send()),
                store, topic, this);
    }

    /** A started producer of its own (the client shares one instance per instance name). */
    static DefaultMQProducer producer(BrokerStore store, Workload workload, String group) throws MQClientException {
        DefaultMQProducer producer;
        if (workload.send() == Workload.SendMode.TRANSACTIONAL) {
            TransactionMQProducer transactional = new TransactionMQProducer(group);
            transactional.setTransactionListener(COMMIT);
            producer = transactional;
        } else {
            producer = new DefaultMQProducer(group);
        }
        producer.setNamesrvAddr(store.namesrvAddr());
        producer.setInstanceName(group);
        producer.start();
        return producer;
    }

    static List<Message> messages(String topic, List<?> bodies) {
        List<Message> messages = new ArrayList<>(bodies.size());
        for (Object body : bodies) {
            messages.add(new Message(topic, (byte[]) body));
        }
        return messages;
    }

    static Throwable notStored(SendResult result) {
        return result.getSendStatus() == SendStatus.SEND_OK ? null : new IllegalStateException("Send status " + result.getSendStatus());
    }

    @Override
    public Receiver receive(String topic, String group, boolean orderly, Consumer<byte[]> listener) throws MQClientException {
        DefaultMQPushConsumer consumer = consumer(store, topic, group);
        if (orderly) {
            consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
                messages.forEach(m -> listener.accept(m.getBody()));
                return ConsumeOrderlyStatus.SUCCESS;
            });
        } else {
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                messages.forEach(m -> listener.accept(m.getBody()));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
        }
        consumer.start();
        return () -> Background.close(consumer::shutdown);
    }

    /** A push consumer of the whole topic from its first offset, not started, with no listener yet. */
    static DefaultMQPushConsumer consumer(BrokerStore store, String topic, String group) throws MQClientException {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(store.namesrvAddr());
        consumer.setInstanceName(group);
        // the same heartbeat and route intervals as our component's defaults
        consumer.setHeartbeatBrokerInterval(2000);
        consumer.setPollNameServerInterval(5000);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        return consumer;
    }

    static final class RawSender implements Sender {

        private final DefaultMQProducer producer;
        private final String topic;
        private final Workload.SendMode mode;

        RawSender(DefaultMQProducer producer, String topic, Workload.SendMode mode) {
            this.producer = producer;
            this.topic = topic;
            this.mode = mode;
        }

        @Override
        public void send(Object body, String orderKey, Consumer<Throwable> done) throws Exception {
            if (body instanceof List<?> bodies) {
                List<Message> batch = messages(topic, bodies);
                if (mode == Workload.SendMode.ASYNC) {
                    producer.send(batch, callback(done));
                } else {
                    done.accept(notStored(producer.send(batch)));
                }
                return;
            }
            Message message = new Message(topic, (byte[]) body);
            switch (mode) {
                case SYNC -> done.accept(notStored(orderKey == null ? producer.send(message) : producer.send(message, BY_KEY, orderKey)));
                case ASYNC -> {
                    if (orderKey == null) {
                        producer.send(message, callback(done));
                    } else {
                        producer.send(message, BY_KEY, orderKey, callback(done));
                    }
                }
                case ONEWAY -> {
                    if (orderKey == null) {
                        producer.sendOneway(message);
                    } else {
                        producer.sendOneway(message, BY_KEY, orderKey);
                    }
                    done.accept(null);
                }
                case TRANSACTIONAL -> {
                    var result = producer.sendMessageInTransaction(message, null);
                    done.accept(notStored(result) != null ? notStored(result)
                            : result.getLocalTransactionState() == LocalTransactionState.COMMIT_MESSAGE ? null
                            : new IllegalStateException("Transaction state " + result.getLocalTransactionState()));
                }
            }
        }

        private static SendCallback callback(Consumer<Throwable> done) {
            return new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    done.accept(notStored(result));
                }

                @Override
                public void onException(Throwable e) {
                    done.accept(e);
                }
            };
        }

        @Override
        public void close() {
            Background.close(producer::shutdown);
        }
    }
}

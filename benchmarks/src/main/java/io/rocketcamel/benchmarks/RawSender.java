package io.rocketcamel.benchmarks;

import java.util.List;
import java.util.function.Consumer;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.client.producer.TransactionSendResult;
import org.apache.rocketmq.common.message.Message;

/** The official client used directly: the ceiling for any component's overhead. */
final class RawSender implements Sender {

    private static final MessageQueueSelector BY_KEY = (queues, message, key) -> queues.get(Math.floorMod(key.hashCode(), queues.size()));

    private final DefaultMQProducer producer;
    private final String topic;
    private final Mode mode;

    RawSender(DefaultMQProducer producer, String topic, Mode mode) {
        this.producer = producer;
        this.topic = topic;
        this.mode = mode;
    }

    @Override
    public void send(List<byte[]> bodies, String orderKey, Consumer<Throwable> done) throws Exception {
        List<Message> messages = bodies.stream().map(body -> new Message(topic, body)).toList();
        switch (mode) {
            case ASYNC -> sendAsync(messages, orderKey, done);
            case ONEWAY -> {
                sendOneway(messages.get(0), orderKey);
                done.accept(null);
            }
            case TRANSACTIONAL -> done.accept(committed(((TransactionMQProducer) producer).sendMessageInTransaction(messages.get(0), null)));
            default -> done.accept(stored(sendSync(messages, orderKey)));
        }
    }

    private SendResult sendSync(List<Message> messages, String orderKey) throws Exception {
        if (messages.size() > 1) {
            return producer.send(messages);
        }
        return orderKey == null ? producer.send(messages.get(0)) : producer.send(messages.get(0), BY_KEY, orderKey);
    }

    private void sendAsync(List<Message> messages, String orderKey, Consumer<Throwable> done) throws Exception {
        SendCallback callback = new SendCallback() {
            @Override
            public void onSuccess(SendResult result) {
                done.accept(stored(result));
            }

            @Override
            public void onException(Throwable e) {
                done.accept(e);
            }
        };
        if (messages.size() > 1) {
            producer.send(messages, callback);
        } else if (orderKey == null) {
            producer.send(messages.get(0), callback);
        } else {
            producer.send(messages.get(0), BY_KEY, orderKey, callback);
        }
    }

    private void sendOneway(Message message, String orderKey) throws Exception {
        if (orderKey == null) {
            producer.sendOneway(message);
        } else {
            producer.sendOneway(message, BY_KEY, orderKey);
        }
    }

    private static Throwable stored(SendResult result) {
        return result.getSendStatus() == SendStatus.SEND_OK ? null : new IllegalStateException("Send status " + result.getSendStatus());
    }

    private static Throwable committed(TransactionSendResult result) {
        Throwable failure = stored(result);
        return failure != null || result.getLocalTransactionState() == org.apache.rocketmq.client.producer.LocalTransactionState.COMMIT_MESSAGE
                ? failure : new IllegalStateException("Transaction state " + result.getLocalTransactionState());
    }

    @Override
    public void close() {
        Background.close(producer::shutdown);
    }
}

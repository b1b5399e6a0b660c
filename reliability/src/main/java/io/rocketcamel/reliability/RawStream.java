package io.rocketcamel.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The orchestrator's own producer (official client) for scenarios that test consumers: a paced stream of
 * {@code PREFIX-SEQ} messages from one thread with synchronous sends, key {@code SEQ % keys} always on queue
 * {@code key % queues}, so per key the queue order is the SEQ order. Warm-up messages ({@code warm-...}) make sure the
 * consumers are consuming before the stream starts; the checks leave them out.
 */
final class RawStream implements AutoCloseable {

    private final DefaultMQProducer producer;

    RawStream(String namesrv) throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        producer = new DefaultMQProducer("reliability-stream-" + unique);
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("stream-" + unique);
        producer.setSendMsgTimeout(10_000);
        producer.start();
    }

    static boolean isWarmUp(String id) {
        return id.startsWith("warm-");
    }

    List<MessageQueue> queues(String topic) throws Exception {
        return producer.fetchPublishMessageQueues(topic).stream()
                .sorted((a, b) -> a.getBrokerName().equals(b.getBrokerName()) ? Integer.compare(a.getQueueId(), b.getQueueId())
                        : a.getBrokerName().compareTo(b.getBrokerName()))
                .toList();
    }

    /** One warm-up message on every queue of the topic. @return their ids */
    List<String> warmUp(String topic, int round) throws Exception {
        List<MessageQueue> queues = queues(topic);
        for (MessageQueue queue : queues) {
            send(new Message(topic, ("warm-" + round + "-" + queue.getQueueId()).getBytes(StandardCharsets.UTF_8)), queue);
        }
        return queues.stream().map(q -> "warm-" + round + "-" + q.getQueueId()).toList();
    }

    /** Sends {@code count} messages at {@code rate} per second in the background. */
    CompletableFuture<Void> stream(String topic, String prefix, int count, int rate, int keys) {
        return Background.run(() -> {
            try {
                List<MessageQueue> queues = queues(topic);
                long start = System.nanoTime();
                for (int seq = 0; seq < count; seq++) {
                    long due = start + seq * 1_000_000_000L / rate;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    MessageQueue queue = queues.get((seq % keys) % queues.size());
                    send(new Message(topic, (prefix + "-" + seq).getBytes(StandardCharsets.UTF_8)), queue);
                }
            } catch (Exception e) {
                throw new IllegalStateException("The stream to " + topic + " failed", e);
            }
        });
    }

    private void send(Message message, MessageQueue queue) throws Exception {
        SendStatus status = producer.send(message, queue).getSendStatus();
        if (status != SendStatus.SEND_OK) {
            throw new IllegalStateException("Send to " + queue + " answered " + status);
        }
    }

    @Override
    public void close() {
        Background.close(producer::shutdown);
    }
}

package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.testsupport.TestNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.body.LockBatchRequestBody;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.Test;

/** Each RocketMQ feature the project relies on, with the official client against the embedded broker. */
class BrokerFeaturesIT extends SharedBrokerSupport {

    BrokerFeaturesIT(EmbeddedRocketMQBroker broker) {
        super(broker);
    }

    @Test
    void publishesTheNameServerAddressAsSystemProperty() {
        assertThat(System.getProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY)).isEqualTo(broker.getNamesrvAddr());
        assertThat(broker.getNamesrvAddr()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void tagFilterDeliversOnlyMatchingTags() throws Exception {
        String topic = topic(4);
        ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
        clients.collect(TestNames.unique("tags"), topic, "ERROR || WARN", received);
        DefaultMQProducer producer = clients.producer();
        String[] levels = {"INFO", "ERROR", "DEBUG", "WARN"};
        for (int i = 0; i < 200; i++) {
            producer.send(new Message(topic, levels[i % 4], ("log-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        await().atMost(DEADLINE).until(() -> received.size() >= 100);
        // The last message sent is a WARN: once the consumer is past it, no INFO/DEBUG can still be on its way.
        await().atMost(DEADLINE).until(() -> bodies(received).contains("log-199"));
        assertThat(received).extracting(MessageExt::getTags).containsOnly("ERROR", "WARN");
        assertThat(bodies(received)).hasSize(100);
    }

    @Test
    void sql92FilterRunsOnTheBroker() throws Exception {
        String topic = topic(4);
        ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer consumer = clients.consumer(TestNames.unique("sql"));
        consumer.subscribe(topic, MessageSelector.bySql("level = 'ERROR' AND latencyMs > 500"));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            received.addAll(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        clients.start(consumer);
        DefaultMQProducer producer = clients.producer();
        for (int i = 0; i < 40; i++) {
            Message message = new Message(topic, ("event-" + i).getBytes(StandardCharsets.UTF_8));
            message.putUserProperty("level", i % 2 == 0 ? "ERROR" : "INFO");
            message.putUserProperty("latencyMs", Integer.toString(i * 50));
            producer.send(message);
        }
        // ERROR (even i) with latency > 500 (i > 10): 12, 14, ..., 38.
        Set<String> expected = IntStream.range(11, 40).filter(i -> i % 2 == 0).mapToObj(i -> "event-" + i).collect(Collectors.toSet());
        await().atMost(DEADLINE).until(() -> bodies(received).containsAll(expected));
        assertThat(bodies(received)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void delayLevelHoldsTheMessageForItsDelay() throws Exception {
        Message message = new Message(TestNames.unique("delay"), "later".getBytes(StandardCharsets.UTF_8));
        message.setDelayTimeLevel(2);
        Delivery delivery = deliver(message);
        assertThat(broker.getDelayLevels().delayOf(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(delivery.arrivedAt() - delivery.sentAt()).isBetween(2000L, 3000L);
    }

    @Test
    void timerMessageArrivesAtItsDeliverTime() throws Exception {
        Message message = new Message(TestNames.unique("timer"), "at".getBytes(StandardCharsets.UTF_8));
        long due = System.currentTimeMillis() + 2500;
        message.setDeliverTimeMs(due);
        long arrived = deliver(message).arrivedAt();
        // The timer wheel ticks once a second (timerPrecisionMs): up to about 1.5 s late, never early.
        assertThat(arrived - due).isBetween(-50L, 2000L);
    }

    /** Sends the message to a new one-queue topic of its own and notes when it was sent and when it arrived. */
    private Delivery deliver(Message message) throws Exception {
        broker.createTopic(message.getTopic(), 1);
        ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
        clients.collect(TestNames.unique("group"), message.getTopic(), "*", received);
        DefaultMQProducer producer = clients.producer();
        long sentAt = System.currentTimeMillis();
        producer.send(message);
        await().atMost(DEADLINE).until(() -> !received.isEmpty());
        return new Delivery(sentAt, System.currentTimeMillis());
    }

    private record Delivery(long sentAt, long arrivedAt) {
    }

    @Test
    void broadcastingDeliversEveryMessageToEveryConsumer() throws Exception {
        String topic = topic(4);
        String group = TestNames.unique("broadcast");
        List<ConcurrentLinkedQueue<MessageExt>> perConsumer = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
            perConsumer.add(received);
            DefaultMQPushConsumer consumer = clients.consumer(group);
            consumer.setMessageModel(MessageModel.BROADCASTING);
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                received.addAll(messages);
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            clients.start(consumer);
        }
        DefaultMQProducer producer = clients.producer();
        Set<String> sent = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            producer.send(new Message(topic, ("config-" + i).getBytes(StandardCharsets.UTF_8)));
            sent.add("config-" + i);
        }
        for (ConcurrentLinkedQueue<MessageExt> received : perConsumer) {
            await().atMost(DEADLINE).until(() -> bodies(received).containsAll(sent));
            assertThat(bodies(received)).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    /**
     * An ORDERLY consumer goes on consuming a queue for as long as its client believes its lock lives (RocketMQ's
     * default 30 s after the last renewal), and the embedded broker hands the queue to another member 5 s after the
     * last renewal: a client whose renewals stalled consumed the queue beside the new owner for up to 25 s. The
     * client's belief must end before the broker's lock does (RocketMQ's own defaults: 30 s against 60 s).
     */
    @Test
    void aClientTakesItsOrderlyLockForExpiredBeforeTheBrokerGivesTheQueueToAnother() throws Exception {
        String topic = TestNames.unique("lock-lifetime");
        broker.createTopic(topic, 1);
        DefaultMQProducer producer = clients.producer();
        MQClientAPIImpl api = producer.getDefaultMQProducerImpl().getmQClientFactory().getMQClientAPIImpl();
        String address = broker.getBrokerAddr("broker-a");
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        String group = TestNames.unique("orderly-lock");

        long firstLocked = System.currentTimeMillis();
        assertThat(lock(api, address, group, "first-owner", queue)).containsExactly(queue);
        // the first owner renews no more (a stalled client): the broker lets the next member have the queue
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> lock(api, address, group, "next-owner", queue).contains(queue));

        ProcessQueue firstOwners = new ProcessQueue();
        firstOwners.setLocked(true);
        firstOwners.setLastLockTimestamp(firstLocked);
        assertThat(firstOwners.isLockExpired()).as("the first owner's client still takes its lock for valid, %d ms after"
                + " it was renewed, while the broker gave the queue to the next owner",
                System.currentTimeMillis() - firstLocked).isTrue();
    }

    private static Set<MessageQueue> lock(MQClientAPIImpl api, String address, String group, String clientId,
                                          MessageQueue queue) throws Exception {
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.setConsumerGroup(group);
        body.setClientId(clientId);
        body.setMqSet(Set.of(queue));
        return api.lockBatchMQ(address, body, 3_000);
    }

    @Test
    void orderedSendAndOrderlyConsumeKeepPerKeyOrder() throws Exception {
        String topic = topic(4);
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        DefaultMQPushConsumer consumer = clients.consumer(TestNames.unique("orderly"));
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
            for (MessageExt message : messages) {
                seen.computeIfAbsent(message.getKeys(), k -> new ArrayList<>())
                        .add(Integer.parseInt(new String(message.getBody(), StandardCharsets.UTF_8)));
                total.incrementAndGet();
            }
            return ConsumeOrderlyStatus.SUCCESS;
        });
        clients.start(consumer);
        DefaultMQProducer producer = clients.producer();
        int keys = 20;
        int perKey = 25;
        for (int seq = 0; seq < perKey; seq++) {
            for (int k = 0; k < keys; k++) {
                Message message = new Message(topic, null, "order-" + k, Integer.toString(seq).getBytes(StandardCharsets.UTF_8));
                SendResult result = producer.send(message,
                        (queues, msg, key) -> queues.get(Math.floorMod(key.hashCode(), queues.size())), "order-" + k);
                assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            }
        }
        await().atMost(DEADLINE).until(() -> total.get() >= keys * perKey);
        assertThat(seen).hasSize(keys);
        List<Integer> expected = IntStream.range(0, perKey).boxed().toList();
        seen.forEach((key, sequence) -> assertThat(sequence).as(key).containsExactlyElementsOf(expected));
    }

    @Test
    void batchSendDeliversTheWholeBatch() throws Exception {
        String topic = topic(4);
        ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
        clients.collect(TestNames.unique("batch"), topic, "*", received);
        DefaultMQProducer producer = clients.producer();
        List<Message> batch = IntStream.range(0, 500)
                .mapToObj(i -> new Message(topic, ("item-" + i).getBytes(StandardCharsets.UTF_8)))
                .toList();
        SendResult result = producer.send(batch);
        assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        assertThat(result.getMsgId().split(",")).hasSize(500);
        await().atMost(DEADLINE).until(() -> received.size() >= 500);
        assertThat(bodies(received)).hasSize(500).contains("item-0", "item-499");
    }

    @Test
    void transactionsCommitRollBackAndAreCheckedBack() throws Exception {
        // One queue: committed messages reach it in commit order, so a sentinel committed last proves nothing else is coming.
        String topic = topic(1);
        ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
        clients.collect(TestNames.unique("tx-consumer"), topic, "*", received);
        Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
        TransactionMQProducer producer = clients.configure(new TransactionMQProducer(TestNames.unique("tx")));
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                String body = new String(msg.getBody(), StandardCharsets.UTF_8);
                if (body.startsWith("commit")) {
                    return LocalTransactionState.COMMIT_MESSAGE;
                }
                return body.startsWith("rollback") ? LocalTransactionState.ROLLBACK_MESSAGE : LocalTransactionState.UNKNOW;
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                String body = new String(msg.getBody(), StandardCharsets.UTF_8);
                checks.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
                return body.startsWith("unknown-commit") ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.ROLLBACK_MESSAGE;
            }
        });
        producer.start();
        try {
            for (String body : List.of("commit-1", "commit-2", "rollback-1", "rollback-2", "unknown-commit-1", "unknown-rollback-1")) {
                producer.sendMessageInTransaction(new Message(topic, body.getBytes(StandardCharsets.UTF_8)), null);
            }
            await().atMost(DEADLINE).until(() -> bodies(received).containsAll(List.of("commit-1", "commit-2", "unknown-commit-1")));
            await().atMost(DEADLINE).until(() -> checks.containsKey("unknown-rollback-1"));
            producer.sendMessageInTransaction(new Message(topic, "commit-sentinel".getBytes(StandardCharsets.UTF_8)), null);
            await().atMost(DEADLINE).until(() -> bodies(received).contains("commit-sentinel"));
            assertThat(bodies(received)).containsExactlyInAnyOrder("commit-1", "commit-2", "unknown-commit-1", "commit-sentinel");
            assertThat(checks.keySet()).containsExactlyInAnyOrder("unknown-commit-1", "unknown-rollback-1");
            assertThat(checks.get("unknown-commit-1").get()).isEqualTo(1);
        } finally {
            producer.shutdown();
        }
    }

    @Test
    void orderedTopicsAreDeclaredFifo() {
        String topic = TestNames.unique("fifo");
        broker.createOrderedTopic(topic, 2);
        String brokerName = broker.getBrokerNames().get(0);
        assertThat(broker.getBrokerController(brokerName).getTopicConfigManager().selectTopicConfig(topic).getTopicMessageType())
                .hasToString("FIFO");
    }

    private String topic(int queues) {
        String topic = TestNames.unique("topic");
        broker.createTopic(topic, queues);
        return topic;
    }

    private static List<String> bodies(ConcurrentLinkedQueue<MessageExt> messages) {
        Map<String, Integer> distinct = new HashMap<>();
        messages.forEach(m -> distinct.merge(new String(m.getBody(), StandardCharsets.UTF_8), 1, Integer::sum));
        return new ArrayList<>(distinct.keySet());
    }
}

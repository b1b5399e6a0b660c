package io.rocketcamel.component.rocketmq.consumer.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.testsupport.TestClients;
import io.rocketcamel.testsupport.TestNames;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/**
 * Where a new group starts on a queue (consumeFromWhere=LAST_OFFSET, the default). The broker answers "no offset" for
 * an empty queue of a young topic, and the group then starts at the queue's end, read in a second call: a message
 * stored between the two calls lay before that end, and the group never got it (seen once in CI: RedeliveryIT's
 * orderly consumer, started before both sends, received the second message and never the first).
 */
@EmbeddedRocketMQ(shared = false) // RocketMQ's defaults, which no other class of the run shares: closed after the class
class NewGroupStartIT {

    @Test
    void aMessageStoredWhileTheStartIsDecidedIsNotSkipped(EmbeddedRocketMQBroker broker) throws Exception {
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            readStartWhileAMessageArrives(broker, clients);
        }
    }

    private static void readStartWhileAMessageArrives(EmbeddedRocketMQBroker broker, TestClients clients) throws Exception {
        String topic = TestNames.unique("new-group-start");
        broker.createTopic(topic, 1);
        DefaultMQProducer producer = clients.producer();
        DefaultMQPushConsumer consumer = clients.consumer(TestNames.unique("g"));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        // the consumer only provides the client instance; it reads another topic
        String other = TestNames.unique("new-group-other");
        broker.createTopic(other, 1);
        consumer.subscribe(other, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        clients.start(consumer);
        MessageQueue queue = producer.fetchPublishMessageQueues(topic).get(0);

        AtomicLong brokerSaid = new AtomicLong(Long.MIN_VALUE);
        BrokerOffsetStore store = new BrokerOffsetStore(consumer.getDefaultMQPushConsumerImpl().getmQClientFactory(),
                consumer.getConsumerGroup(), new ClientStartOffsets(consumer)) {
            @Override
            long storedOffset(MessageQueue asked) {
                long stored = super.storedOffset(asked);
                brokerSaid.set(stored);
                // a send that lands right after the broker said the group has no offset here
                send(producer, queue);
                return stored;
            }
        };
        store.consumerStarted(topic);

        assertThat(store.readOffset(queue, ReadOffsetType.READ_FROM_STORE)).as("where the group starts").isZero();
        assertThat(brokerSaid).as("the broker's answer: no offset of the group").hasValue(-1);
        // the store counts a message once its consume queue got it, which follows the send's answer a little later
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.messageCount(topic) == 1);
    }

    private static void send(DefaultMQProducer producer, MessageQueue queue) {
        try {
            producer.send(new Message(queue.getTopic(), "stored in between".getBytes(StandardCharsets.UTF_8)), queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

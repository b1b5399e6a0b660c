package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import com.google.common.hash.Hashing;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.impl.producer.TopicPublishInfo;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue of a message group must be the one the RocketMQ 5 proxy picks for a gRPC SDK producer's message of that
 * group. The proxy (SendMessageActivity.SendMessageQueueSelector) takes the topic's writable master queues sorted by
 * topic, broker name and queue id, and picks {@code Hashing.consistentHash(group.hashCode(), queues.size())}.
 */
class MessageGroupQueueSelectorTest {

    @Test
    void theIndexIsGuavasConsistentHashOfTheGroupsHashCode() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            String group = "group-" + random.nextLong() + (i % 7 == 0 ? "-订单" : "");
            int queues = 1 + random.nextInt(64);
            assertThat(MessageGroupQueueSelector.queueIndex(group, queues))
                    .isEqualTo(Hashing.consistentHash(group.hashCode(), queues));
        }
        // fixed points, so a change of the algorithm (or of Guava's) cannot pass unnoticed
        assertThat(MessageGroupQueueSelector.queueIndex("customer-1", 8)).isEqualTo(Hashing.consistentHash(
                "customer-1".hashCode(), 8));
        assertThat(MessageGroupQueueSelector.queueIndex("", 4)).isZero();
    }

    @Test
    void theClientsQueueListIsInTheProxysOrderSoBothPickTheSameQueue() {
        TopicRouteData route = new TopicRouteData();
        List<QueueData> queueDatas = new ArrayList<>(List.of(queueData("broker-b", 3), queueData("broker-a", 4),
                queueData("broker-c", 2)));
        Collections.shuffle(queueDatas, new Random(7));
        route.setQueueDatas(queueDatas);
        route.setBrokerDatas(new ArrayList<>(List.of(brokerData("broker-a"), brokerData("broker-b"), brokerData("broker-c"))));
        TopicPublishInfo client = MQClientInstance.topicRouteData2TopicPublishInfo("orders", route);

        // the proxy's MessageQueueSelector.buildWrite: every writable queue of a broker with a master, sorted
        List<MessageQueue> proxy = new ArrayList<>(new TreeSet<>(client.getMessageQueueList()));
        assertThat(client.getMessageQueueList()).containsExactlyElementsOf(proxy);
        for (String group : List.of("customer-1", "customer-2", "a", "订单-42", "x".repeat(300))) {
            MessageQueue ours = MessageGroupQueueSelector.INSTANCE.select(client.getMessageQueueList(), new Message(), group);
            assertThat(ours).isEqualTo(proxy.get(Hashing.consistentHash(group.hashCode(), proxy.size())));
        }
    }

    private static QueueData queueData(String broker, int queues) {
        QueueData data = new QueueData();
        data.setBrokerName(broker);
        data.setReadQueueNums(queues);
        data.setWriteQueueNums(queues);
        data.setPerm(PermName.PERM_READ | PermName.PERM_WRITE);
        return data;
    }

    private static BrokerData brokerData(String broker) {
        java.util.HashMap<Long, String> addresses = new java.util.HashMap<>();
        addresses.put(MixAll.MASTER_ID, "127.0.0.1:10911");
        return new BrokerData("DefaultCluster", broker, addresses);
    }
}

package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.testsupport.TestClients;
import io.rocketcamel.testsupport.TestNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.store.config.BrokerRole;
import org.junit.jupiter.api.Test;

/** The layouts of {@link Layout} in one JVM: sends, consumption, and for 2m-2s-sync what the slaves are for. */
class ClusterLayoutsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void twoMastersShareTheTopicAndOneGroupConsumesFromBoth() throws Exception {
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().cluster(Layout.TWO_MASTERS)
                .topic("layout-2m", 4).start();
                TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            assertThat(broker.getBrokers()).extracting(RunningBroker::toString)
                    .allMatch(b -> b.matches("broker-[ab]:0:ASYNC_MASTER@127\\.0\\.0\\.1:\\d+"));
            List<SendResult> sent = send(clients.producer(), "layout-2m", 40);
            assertThat(sent).extracting(r -> r.getMessageQueue().getBrokerName()).contains("broker-a", "broker-b");

            ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
            clients.collect(TestNames.unique("layout-2m"), "layout-2m", "*", received);
            await().atMost(PATIENCE).until(() -> bodies(received).size() == 40);
            assertThat(received).extracting(MessageExt::getBrokerName).contains("broker-a", "broker-b");
        }
    }

    @Test
    void syncMastersWaitForTheirSlavesWhoseCopiesOutliveTheMaster() throws Exception {
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().cluster(Layout.TWO_MASTERS_TWO_SLAVES_SYNC)
                .topic("layout-ha", 4).start();
                TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            assertThat(broker.getBrokers()).extracting(b -> b.brokerName() + ":" + b.brokerId() + ":" + b.role())
                    .containsExactly("broker-a:0:SYNC_MASTER", "broker-b:0:SYNC_MASTER", "broker-a:1:SLAVE", "broker-b:1:SLAVE");
            assertThat(broker.getBrokerNames()).containsExactly("broker-a", "broker-b");
            assertThat(broker.getBrokerController("broker-a", 0).getMessageStoreConfig().getInSyncReplicas()).isEqualTo(2);

            DefaultMQProducer producer = clients.producer();
            List<SendResult> sent = send(producer, "layout-ha", 40);
            Set<String> onA = sent.stream().filter(r -> r.getMessageQueue().getBrokerName().equals("broker-a"))
                    .map(SendResult::getMsgId).collect(Collectors.toSet());
            assertThat(onA).isNotEmpty();

            ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
            clients.collect(TestNames.unique("layout-ha"), "layout-ha", "*", received);
            await().atMost(PATIENCE).until(() -> bodies(received).size() == 40);

            // The acknowledgement waits for the slave: without it, the master answers after slaveTimeout (3 s).
            broker.stopBroker("broker-b", 1);
            SendResult unreplicated = producer.send(message("layout-ha", "no-slave"),
                    new MessageQueue("layout-ha", "broker-b", 0));
            assertThat(unreplicated.getSendStatus()).isEqualTo(SendStatus.FLUSH_SLAVE_TIMEOUT);

            // broker-a's messages stay readable from its slave once the master is gone.
            broker.stopBroker("broker-a");
            assertThat(broker.getBrokers()).extracting(RunningBroker::role)
                    .containsExactly(BrokerRole.SYNC_MASTER, BrokerRole.SLAVE);
            ConcurrentLinkedQueue<MessageExt> fromSlave = new ConcurrentLinkedQueue<>();
            clients.collect(TestNames.unique("layout-ha-late"), "layout-ha", "*", fromSlave);
            await().atMost(PATIENCE).until(() -> fromSlave.stream().filter(m -> m.getBrokerName().equals("broker-a"))
                    .map(MessageExt::getMsgId).collect(Collectors.toSet()).containsAll(onA));
        }
    }

    /** A slave refuses every write: with its master stopped, the fixture's send goes to the other master. */
    @Test
    void theFixtureSendsToMastersOnlyWhenAMasterIsStopped() {
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().cluster(Layout.TWO_MASTERS_TWO_SLAVES_SYNC)
                .topic("layout-failover", 2).start()) {
            broker.stopBroker("broker-a");
            for (int i = 0; i < 4; i++) {
                broker.send("layout-failover", "m" + i);
            }
            assertThat(broker.awaitMessages("layout-failover", 4, PATIENCE)).hasSize(4);
        }
    }

    private static List<SendResult> send(DefaultMQProducer producer, String topic, int count) throws Exception {
        List<SendResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SendResult result = producer.send(message(topic, "m" + i));
            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            results.add(result);
        }
        return results;
    }

    private static Message message(String topic, String body) {
        return new Message(topic, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Long> bodies(ConcurrentLinkedQueue<MessageExt> received) {
        return received.stream().collect(Collectors.groupingBy(m -> new String(m.getBody(), StandardCharsets.UTF_8),
                Collectors.counting()));
    }
}

package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.testsupport.TestClients;
import io.rocketcamel.testsupport.TestNames;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.broker.longpolling.ManyPullRequest;
import org.apache.rocketmq.broker.longpolling.PullRequestHoldService;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PopCallback;
import org.apache.rocketmq.client.consumer.PopResult;
import org.apache.rocketmq.client.consumer.PullCallback;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.constant.ConsumeInitMode;
import org.apache.rocketmq.common.filter.ExpressionType;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.header.PopMessageRequestHeader;
import org.junit.jupiter.api.Test;

/**
 * A consumer's long-polling request that the broker holds when it stops is answered while its connection is open.
 * RocketMQ's own shutdown closes the connections first and answers held requests after (a pull when its suspension
 * times out, a pop at once): the consumer hears only that its connection closed, and an answer written after the
 * connection's event loop terminated is logged by Netty as an ERROR with a stack trace (seen at the end of the
 * examples app's demo, four in two runs of three).
 */
@SuppressWarnings("deprecation") // DefaultMQPullConsumer: the one official client call that holds a pull on demand
class HeldRequestsIT {

    @Test
    void aHeldPullIsAnsweredByTheBrokerBeforeItStops() throws Exception {
        String topic = TestNames.unique("held-pull");
        CompletableFuture<Object> answer = new CompletableFuture<>();
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().topic(topic, 1).start();
             TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQPullConsumer consumer = clients.configure(new DefaultMQPullConsumer(TestNames.unique("held-pull-cg")));
            consumer.start();
            try {
                MessageQueue queue = consumer.fetchSubscribeMessageQueues(topic).iterator().next();
                consumer.pullBlockIfNotFound(queue, "*", 0, 32, new PullCallback() {
                    @Override
                    public void onSuccess(PullResult pullResult) {
                        answer.complete(pullResult);
                    }

                    @Override
                    public void onException(Throwable e) {
                        answer.complete(e);
                    }
                });
                PullRequestHoldService holds = controller(broker).getPullRequestHoldService();
                await().atMost(Duration.ofSeconds(10)).until(() -> heldPulls(holds) == 1);

                broker.close();

                assertThat(answer).as("the held pull's answer").isDone();
                assertThat(answer.join()).as("answered by the broker, not failed by the closed connection")
                        .isInstanceOfAny(PullResult.class, MQBrokerException.class);
                assertThat(heldPulls(holds)).as("pulls still held").isZero();
            } finally {
                consumer.shutdown();
            }
        }
    }

    @Test
    void aHeldPopIsAnsweredByTheBrokerBeforeItStops() throws Exception {
        String topic = TestNames.unique("held-pop");
        CompletableFuture<Object> answer = new CompletableFuture<>();
        try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().topic(topic, 1).start();
             TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQPullConsumer consumer = clients.configure(new DefaultMQPullConsumer(TestNames.unique("held-pop-cg")));
            consumer.start();
            try {
                MQClientInstance client = MQClientManager.getInstance().getOrCreateMQClientInstance(consumer);
                String brokerName = broker.getBrokerNames().get(0);
                client.getMQClientAPIImpl().popMessageAsync(brokerName, broker.getBrokerAddr(brokerName),
                        popRequest(topic, consumer.getConsumerGroup()), 30_000, new PopCallback() {
                            @Override
                            public void onSuccess(PopResult popResult) {
                                answer.complete(popResult);
                            }

                            @Override
                            public void onException(Throwable e) {
                                answer.complete(e);
                            }
                        });
                BrokerController controller = controller(broker);
                await().atMost(Duration.ofSeconds(10)).until(() -> heldPops(controller) == 1);

                broker.close();

                assertThat(answer).as("the held pop's answer").isDone();
                assertThat(answer.join()).as("answered by the broker, not failed by the closed connection")
                        .isInstanceOfAny(PopResult.class, MQBrokerException.class);
            } finally {
                consumer.shutdown();
            }
        }
    }

    /** A pop of the whole topic that the broker holds for 20 s while the topic is empty. */
    private static PopMessageRequestHeader popRequest(String topic, String group) {
        PopMessageRequestHeader header = new PopMessageRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(topic);
        header.setQueueId(-1);
        header.setMaxMsgNums(32);
        header.setInvisibleTime(60_000);
        header.setPollTime(20_000);
        header.setBornTime(System.currentTimeMillis());
        header.setInitMode(ConsumeInitMode.MIN);
        header.setExpType(ExpressionType.TAG);
        header.setExp("*");
        return header;
    }

    private static BrokerController controller(EmbeddedRocketMQBroker broker) {
        return broker.getBrokerController(broker.getBrokerNames().get(0));
    }

    /** RocketMQ keeps its held pulls in a protected table and offers no count of them. */
    private static int heldPulls(PullRequestHoldService holds) throws ReflectiveOperationException {
        Field table = PullRequestHoldService.class.getDeclaredField("pullRequestTable");
        table.setAccessible(true);
        return ((Map<?, ?>) table.get(holds)).values().stream()
                .mapToInt(requests -> ((ManyPullRequest) requests)
                        .getPullRequestList().size())
                .sum();
    }

    private static long heldPops(BrokerController controller) {
        return controller.getPopMessageProcessor().getPopLongPollingService().getPollingMap().asMap().values().stream()
                .mapToLong(Collection::size).sum();
    }
}

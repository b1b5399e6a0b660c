package io.rocketcamel.component.rocketmq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.junit.jupiter.api.Test;

class DistinctConsumersAllocationTest {

    private static final List<MessageQueue> QUEUES = List.of(queue("t", 0), queue("t", 1), queue("t", 2),
            queue("t", 3));

    @Test
    void aConsumerListedTwiceTakesTheShareOfOne() {
        DistinctConsumersAllocation allocation = installed();

        assertThat(allocation.allocate("g", "c1", QUEUES, List.of("c1", "c1", "c2")))
                .containsExactly(queue("t", 0), queue("t", 1));
    }

    @Test
    void owesAnAllocationUntilOneWasOverTheQueuesEachTopicHas() {
        DistinctConsumersAllocation allocation = installed();
        assertThat(allocation.owesAllocation("t", Set.copyOf(QUEUES))).as("before any allocation").isTrue();

        allocation.allocate("g", "c1", QUEUES, List.of("c1"));
        allocation.allocate("g", "c1", List.of(queue("other", 0)), List.of("c1"));

        assertThat(allocation.owesAllocation("t", Set.copyOf(QUEUES))).isFalse();
        assertThat(allocation.owesAllocation("t", Set.of(queue("t", 0), queue("t", 1), queue("t", 2), queue("t", 3),
                queue("t", 4)))).as("a queue added since").isTrue();
        assertThat(allocation.owesAllocation("other", Set.of(queue("other", 0)))).isFalse();
    }

    @Test
    void owesAnAllocationFromABrokersNoticeThatTheMembersChangedUntilTheNextOne() {
        DistinctConsumersAllocation allocation = installed();
        allocation.allocate("g", "c1", QUEUES, List.of("c1"));

        allocation.doBeforeRequest("127.0.0.1:10911", notice(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED));
        assertThat(allocation.owesAllocation("t", Set.copyOf(QUEUES))).as("after the notice").isTrue();
        allocation.allocate("g", "c1", QUEUES, List.of("c1", "c2"));
        assertThat(allocation.owesAllocation("t", Set.copyOf(QUEUES))).as("allocated since").isFalse();

        allocation.doBeforeRequest("127.0.0.1:10911", notice(RequestCode.RESET_CONSUMER_CLIENT_OFFSET));
        assertThat(allocation.owesAllocation("t", Set.copyOf(QUEUES))).as("after another request").isFalse();
    }

    @Test
    void isInstalledOnce() {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("g");
        DistinctConsumersAllocation first = DistinctConsumersAllocation.install(consumer);

        assertThat(DistinctConsumersAllocation.install(consumer)).isSameAs(first).isNotNull();
        assertThat(DistinctConsumersAllocation.of(consumer)).isSameAs(first);
        assertThat(DistinctConsumersAllocation.of(new DefaultMQPushConsumer("g"))).isNull();
    }

    private static DistinctConsumersAllocation installed() {
        return DistinctConsumersAllocation.install(new DefaultMQPushConsumer("g"));
    }

    private static RemotingCommand notice(int code) {
        return RemotingCommand.createRequestCommand(code, null);
    }

    private static MessageQueue queue(String topic, int id) {
        return new MessageQueue(topic, "broker-a", id);
    }
}

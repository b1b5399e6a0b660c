package io.rocketcamel.component.rocketmq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.MessageQueue;
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
    void knowsTheQueuesEachTopicWasLastAllocatedOver() {
        DistinctConsumersAllocation allocation = installed();
        assertThat(allocation.allocatedOver("t", Set.copyOf(QUEUES))).as("before any allocation").isFalse();

        allocation.allocate("g", "c1", QUEUES, List.of("c1"));
        allocation.allocate("g", "c1", List.of(queue("other", 0)), List.of("c1"));

        assertThat(allocation.allocatedOver("t", Set.copyOf(QUEUES))).isTrue();
        assertThat(allocation.allocatedOver("t", Set.of(queue("t", 0), queue("t", 1), queue("t", 2), queue("t", 3),
                queue("t", 4)))).as("a queue added since").isFalse();
        assertThat(allocation.allocatedOver("other", Set.of(queue("other", 0)))).isTrue();
    }

    @Test
    void isInstalledOnce() {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("g");
        DistinctConsumersAllocation.install(consumer);
        DistinctConsumersAllocation first = DistinctConsumersAllocation.of(consumer);
        DistinctConsumersAllocation.install(consumer);

        assertThat(DistinctConsumersAllocation.of(consumer)).isSameAs(first).isNotNull();
        assertThat(DistinctConsumersAllocation.of(new DefaultMQPushConsumer("g"))).isNull();
    }

    private static DistinctConsumersAllocation installed() {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("g");
        DistinctConsumersAllocation.install(consumer);
        return DistinctConsumersAllocation.of(consumer);
    }

    private static MessageQueue queue(String topic, int id) {
        return new MessageQueue(topic, "broker-a", id);
    }
}

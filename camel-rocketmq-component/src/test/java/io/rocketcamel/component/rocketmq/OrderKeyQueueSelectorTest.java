package io.rocketcamel.component.rocketmq;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderKeyQueueSelectorTest {

    @Test
    void theQueueOfAKeyIsFixedAcrossRuns() {
        // CRC32("order-1") = 0xE0B37FEF (3769860079), a value no JVM or host can change
        assertThat(OrderKeyQueueSelector.queueIndex("order-1", 4)).isEqualTo((int) (3769860079L % 4));
        assertThat(OrderKeyQueueSelector.queueIndex("order-1", 7)).isEqualTo((int) (3769860079L % 7));
    }

    @Test
    void keysSpreadOverAllQueues() {
        Set<Integer> used = new HashSet<>();
        IntStream.range(0, 200).forEach(i -> used.add(OrderKeyQueueSelector.queueIndex("key-" + i, 8)));
        assertThat(used).hasSize(8);
    }

    @Test
    void selectsFromTheGivenQueues() {
        List<MessageQueue> queues = IntStream.range(0, 4).mapToObj(i -> new MessageQueue("t", "b", i)).toList();
        MessageQueue chosen = OrderKeyQueueSelector.INSTANCE.select(queues, new Message(), "order-1");
        assertThat(chosen.getQueueId()).isEqualTo(OrderKeyQueueSelector.queueIndex("order-1", 4));
    }
}

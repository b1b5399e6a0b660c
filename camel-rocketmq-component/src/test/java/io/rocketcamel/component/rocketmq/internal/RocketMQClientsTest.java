package io.rocketcamel.component.rocketmq.internal;

import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RocketMQClientsTest {

    @Test
    void tagsTakeCommasOrRocketMQsOwnSeparator() {
        assertThat(RocketMQClients.subscriptionTags(null)).isEqualTo("*");
        assertThat(RocketMQClients.subscriptionTags(" ")).isEqualTo("*");
        assertThat(RocketMQClients.subscriptionTags("ERROR")).isEqualTo("ERROR");
        assertThat(RocketMQClients.subscriptionTags("ERROR,WARN")).isEqualTo("ERROR || WARN");
        assertThat(RocketMQClients.subscriptionTags(" ERROR , WARN ,")).isEqualTo("ERROR || WARN");
        assertThat(RocketMQClients.subscriptionTags("ERROR||WARN")).isEqualTo("ERROR || WARN");
        assertThat(RocketMQClients.subscriptionTags("ERROR || WARN")).isEqualTo("ERROR || WARN");
    }

    /**
     * POP: what a consumer may hold from one broker's queue is popThresholdForQueue plus one pop (the client pops
     * while the queue holds no more than the threshold); all of it must fit in the consumeThreadMin threads its pool
     * runs, shared among the brokers.
     */
    @Test
    void aPopConsumerHoldsNoMoreThanItsThreadsCanStart() throws Exception {
        assertPops(20, 32, 1, 1, 20, 0);
        assertPops(20, 8, 1, 1, 8, 12);
        assertPops(1, 32, 1, 1, 1, 0);
        assertPops(20, 32, 2, 1, 10, 0);
        assertPops(20, 4, 3, 1, 4, 2);
        // fewer threads than brokers: one message per broker still (with a WARN)
        assertPops(1, 32, 2, 1, 1, 0);
        // consumeBatchSize: a thread starts that many at once; a pop of 32 makes 4 exchanges
        assertPops(1, 32, 1, 10, 10, 0);
        assertPops(20, 32, 1, 10, 32, 16);
        assertPops(20, 32, 1, 3, 32, 9);
    }

    private static void assertPops(int threads, int popBatchSize, int brokers, int consumeBatchSize, int batch,
                                   int threshold) throws Exception {
        RocketMQConfiguration configuration = new RocketMQConfiguration();
        configuration.setConsumerGroup("g");
        configuration.setConsumeMode(ConsumeMode.POP);
        configuration.setConsumeThreadMin(threads);
        configuration.setConsumeThreadMax(Math.max(threads, 20));
        configuration.setPopBatchSize(popBatchSize);
        configuration.setConsumeBatchSize(consumeBatchSize);
        DefaultMQPushConsumer consumer = RocketMQClients.pushConsumer(configuration, "t", "i", new ClientActivity(null));
        if (brokers == 1) {
            // as the client starts, before the consumer knows the brokers
            assertPops(consumer, batch, threshold);
        }
        RocketMQClients.boundPops(consumer, configuration, brokers, notice -> true);
        assertPops(consumer, batch, threshold);
    }

    private static void assertPops(DefaultMQPushConsumer consumer, int batch, int threshold) {
        assertThat(consumer.getPopBatchNums()).as("popBatchNums").isEqualTo(batch);
        assertThat(consumer.getPopThresholdForQueue()).as("popThresholdForQueue").isEqualTo(threshold);
    }
}

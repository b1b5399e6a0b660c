package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.store.config.BrokerRole;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectMemoryBudgetTest {

    private static final long MIB = 1L << 20;
    private final Object first = new Object();
    private final Object second = new Object();

    @AfterEach
    void releaseAll() {
        DirectMemoryBudget.release(first);
        DirectMemoryBudget.release(second);
    }

    /** The defaults of a 2-core machine, set explicitly: RocketMQ derives them from the cores when its class loads. */
    private static BrokerConfig twoCoreBroker() {
        BrokerConfig broker = new BrokerConfig();
        broker.setSendMessageThreadPoolNums(2);
        broker.setPullMessageThreadPoolNums(20);
        broker.setAckMessageThreadPoolNums(16);
        broker.setProcessReplyMessageThreadPoolNums(20);
        broker.setEndTransactionThreadPoolNums(12);
        broker.setReviveQueueNum(8);
        return broker;
    }

    @Test
    void eachStoringThreadTakesABufferOfTheLargestMessagePlus64KiB() {
        MessageStoreConfig store = new MessageStoreConfig();

        // 2 + 20 + 16 + 20 + 12 pools, 18 delay levels, 3 timer delivery threads, 8 revivers, 4 single threads
        assertThat(DirectMemoryBudget.storingThreads(twoCoreBroker(), store)).isEqualTo(103);
        assertThat(DirectMemoryBudget.encoderBuffer(store)).isEqualTo(4 * MIB + 64 * 1024);
        assertThat(DirectMemoryBudget.need(twoCoreBroker(), store) / MIB).isEqualTo(96 + 418);

        store.setMaxMessageSize(1024 * 1024);
        store.setMessageDelayLevel("1s 2s 3s");
        assertThat(DirectMemoryBudget.storingThreads(twoCoreBroker(), store)).isEqualTo(88);
        assertThat(DirectMemoryBudget.need(twoCoreBroker(), store) / MIB).isEqualTo(96 + 93);
    }

    @Test
    void aSlaveStoresOnlyWhatReplicationBringsSoItsThreadsTakeNoBuffers() {
        MessageStoreConfig store = new MessageStoreConfig();
        store.setBrokerRole(BrokerRole.SLAVE);

        assertThat(DirectMemoryBudget.need(twoCoreBroker(), store)).isEqualTo(DirectMemoryBudget.AT_REST);
    }

    @Test
    void brokersThatFitTheLimitTogetherGiveNoWarning() {
        assertThat(DirectMemoryBudget.reserve(first, "broker-a", 500 * MIB, 1024 * MIB)).isNull();
        assertThat(DirectMemoryBudget.reserve(second, "broker-b", 500 * MIB, 1024 * MIB)).isNull();
    }

    @Test
    void brokersThatMayNeedMoreThanTheLimitAreWarnedAboutWithTheFlagToSet() {
        assertThat(DirectMemoryBudget.reserve(first, "broker-a", 514 * MIB, 1024 * MIB)).isNull();

        String warning = DirectMemoryBudget.reserve(second, "broker-b", 514 * MIB, 1024 * MIB);

        assertThat(warning).startsWith("Broker broker-b: the 2 embedded broker(s) of this JVM may need up to 1028 MiB of"
                                       + " direct memory, and the JVM allows 1024 MiB")
                .contains("delayed, timer and POP-revived messages", "-XX:MaxDirectMemorySize=1088m");
    }

    @Test
    void aStoppedBrokerNoLongerCounts() {
        DirectMemoryBudget.reserve(first, "broker-a", 514 * MIB, 1024 * MIB);
        DirectMemoryBudget.release(first);

        assertThat(DirectMemoryBudget.reserve(second, "broker-b", 514 * MIB, 1024 * MIB)).isNull();
    }
}

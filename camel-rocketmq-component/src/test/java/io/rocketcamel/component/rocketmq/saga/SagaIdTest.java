package io.rocketcamel.component.rocketmq.saga;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import io.rocketcamel.component.rocketmq.OrderKeyQueueSelector;
import io.rocketcamel.component.rocketmq.internal.HomeQueueSelector.QueuePlace;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A new saga's id names its queue, which is also the id's hash over the topic's queues, as an orderKey finds it. */
class SagaIdTest {

    private static final List<MessageQueue> QUEUES = List.of(new MessageQueue("sagas", "broker-a", 0),
            new MessageQueue("sagas", "broker-a", 1), new MessageQueue("sagas", "broker.b", 0),
            new MessageQueue("sagas", "broker.b", 1), new MessageQueue("sagas", "broker.b", 2));

    @Test
    void anIdNamesTheQueueItsHashFindsAndEveryQueueGetsSagas() {
        int[] perQueue = new int[QUEUES.size()];
        int drawn = 0;
        for (int sagas = 0; sagas < 1_000; drawn++) {
            Optional<String> id = SagaLog.idNamingItsQueue(UUID.randomUUID().toString(), QUEUES);
            if (id.isEmpty()) {
                continue;
            }
            sagas++;
            int hashed = OrderKeyQueueSelector.queueIndex(id.get(), QUEUES.size());
            assertThat(SagaLog.queueNamedBy(id.get())).contains(QueuePlace.of(QUEUES.get(hashed)));
            perQueue[hashed]++;
        }
        assertThat(IntStream.of(perQueue).min().orElseThrow()).as("sagas of the least used queue").isGreaterThan(100);
        assertThat(drawn).as("UUIDs drawn for 1,000 ids").isLessThan(2_000);
    }

    @Test
    void anIdOfAnotherMakeNamesNoQueue() {
        assertThat(SagaLog.queueNamedBy(UUID.randomUUID().toString())).isEmpty();
        assertThat(SagaLog.queueNamedBy("http://lra.example/lra-coordinator/0_ffff.broker-a.1")).isEmpty();
        assertThat(SagaLog.queueNamedBy(UUID.randomUUID() + ".broker-a.x")).isEmpty();
    }
}

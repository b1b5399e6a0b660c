package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.stream.IntStream;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.component.rocketmq.idempotent.RocketMQIdempotentRepository;
import io.rocketcamel.testsupport.Patience;
import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A repository topic spread over two brokers. Each broker numbers its queues from 0, so a queue id names one queue of
 * each; the repository kept one view for both, so a claim in one broker's queue pushed a key of the other's out of
 * the per-queue bound (maxKeys spread over the topic's queues), and the key then won twice.
 */
@EmbeddedRocketMQ(brokers = 2, shared = false)
class IdempotentRepositoryTwoBrokersIT {

    @Test
    void aKeyOfOneBrokersQueueIsNotForgottenForAClaimInTheOtherBrokersQueue(EmbeddedRocketMQBroker broker)
            throws Exception {
        String topic = TestNames.unique("idem-2b");
        broker.createTopic(topic, 1); // one queue on each broker: broker-a queue 0, broker-b queue 0
        String first = "order-1";
        String second = null;
        for (int i = 2; second == null; i++) {
            if (OrderKeyQueueSelector.queueIndex("order-" + i, 2) != OrderKeyQueueSelector.queueIndex(first, 2)) {
                second = "order-" + i;
            }
        }
        // two queues, two keys: one key per queue, within the bound
        RocketMQIdempotentRepository keys = repository(broker, topic);
        try {
            keys.start();
            assertThat(keys.add(first)).isTrue();
            assertThat(keys.add(second)).isTrue();
            keys.confirm(first);

            assertThat(keys.add(first)).as("a repeat of %s, the only key of its queue", first).isFalse();
            assertThat(keys.size()).isEqualTo(2);
        } finally {
            keys.stop();
        }
    }

    /**
     * A key's queue on a broker that went down: the client then lists only the other broker's queues, and a remove
     * hashed over those was written to broker-b, where it freed nothing (the claim is on broker-a), yet was read back as
     * done. Once broker-a returned, the claim was still there and the redelivery was skipped as a duplicate. The remove
     * is refused now, naming the queue, and retried until its own queue takes it.
     */
    @Test
    void aRemoveOfAKeyWhoseQueueIsDownIsRefusedNotWrittenToAnotherQueue(EmbeddedRocketMQBroker broker) throws Exception {
        String topic = TestNames.unique("idem-2b-down");
        broker.createTopic(topic, 1); // broker-a queue 0, broker-b queue 0, in the order the client lists them
        String key = IntStream.range(0, 100).mapToObj(i -> "order-" + i)
                .filter(k -> OrderKeyQueueSelector.queueIndex(k, 2) == 0).findFirst().orElseThrow();
        RocketMQIdempotentRepository keys = repository(broker, topic);
        keys.setClaimTimeout(Duration.ZERO);
        try {
            keys.start();
            assertThat(keys.add(key)).isTrue();
            broker.stopBroker("broker-a");

            // sends to broker-a fail until the client's route drops it
            String outcome = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> removeOrRefusal(keys, key), r -> r.equals("removed") || r.contains("not writable"));

            assertThat(outcome).contains("key " + key, "broker-a queue 0", "not writable");
            assertThat(broker.messages(topic)).as("records on broker-b").noneMatch(m -> "remove".equals(m.getTags()));
        } finally {
            keys.stop();
        }
    }

    private static String removeOrRefusal(RocketMQIdempotentRepository keys, String key) {
        try {
            keys.remove(key);
            return "removed";
        } catch (RuntimeCamelException e) {
            return e.getMessage();
        }
    }

    private static RocketMQIdempotentRepository repository(EmbeddedRocketMQBroker broker, String topic) {
        RocketMQConfiguration settings = new RocketMQConfiguration();
        settings.setNamesrvAddr(broker.getNamesrvAddr());
        settings.setPollNameServerInterval(Patience.CLIENT_INTERVAL.toMillis());
        settings.setSendTimeout(Patience.SEND_TIMEOUT.toMillis());
        RocketMQIdempotentRepository keys = new RocketMQIdempotentRepository(topic);
        keys.setConfiguration(settings);
        keys.setMaxKeys(2);
        return keys;
    }
}

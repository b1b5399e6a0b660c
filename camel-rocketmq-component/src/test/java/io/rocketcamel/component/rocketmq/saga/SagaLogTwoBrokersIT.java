package io.rocketcamel.component.rocketmq.saga;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.testsupport.TestNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A saga's events must all land in one queue, the one its participants' ORDERLY consumer folds it from. With the saga
 * topic on two brokers and the broker of a saga's queue down, the producer's route lists only the other broker's
 * queues; the log hashed the saga over those and wrote its next event to a queue of the other broker, where the
 * instance folding it never saw the saga's earlier events.
 */
@EmbeddedRocketMQ(brokers = 2, shared = false)
class SagaLogTwoBrokersIT {

    /** Unlike counts: with equal ones, broker-b's sagas would keep their queues even when hashed over broker-b's alone. */
    private static final int ON_A = 3;
    private static final int ON_B = 2;
    private static final int QUEUES = ON_A + ON_B;

    @Test
    void anEventOfASagaWhoseQueueIsDownIsRefusedNotWrittenToAnotherQueue(EmbeddedRocketMQBroker broker) throws Exception {
        String topic = TestNames.unique("saga-2b");
        String deadLetters = TestNames.unique("saga-2b-dlq");
        broker.createTopic("broker-a", topic, ON_A).createTopic("broker-b", topic, ON_B);
        broker.createTopic(deadLetters, 1);
        // the queues, in the order the client lists them: broker-a's 0 to 2, then broker-b's 0 and 1
        // one on broker-a in both topics: the dead-letter topic has one queue on each broker, broker-a's listed first
        String sagaId = IntStream.range(0, 100).mapToObj(i -> "saga-" + i)
                .filter(id -> SagaLog.queueIndex(id, QUEUES) < ON_A && SagaLog.queueIndex(id, 2) == 0)
                .findFirst().orElseThrow();
        SagaLog log = new SagaLog(new SagaClients(broker.getNamesrvAddr(), null, null, null, TestNames.unique("log"), false),
                TestNames.unique("saga-log"), topic, deadLetters, 5_000);
        log.start(Duration.ofDays(3));
        try {
            log.append(SagaEvent.created(sagaId, "orders"));
            log.deadLetter(deadLettered("saga-earlier"));
            broker.stopBroker("broker-a");

            // sends to broker-a fail until the route drops it (the client polls the name server every 30 s)
            String refusal = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> appendOrRefusal(log, sagaId), r -> r.startsWith("written") || r.contains("not writable"));

            assertThat(refusal).contains("saga " + sagaId, "broker-a queue " + SagaLog.queueIndex(sagaId, QUEUES),
                    "not writable");
            assertThat(broker.messages(topic)).as("events of %s on broker-b", sagaId)
                    .noneMatch(m -> new String(m.getBody(), StandardCharsets.UTF_8).contains(sagaId));

            // the dead-letter topic keeps no saga's order: a callback's copy goes to a broker that takes it (it was
            // refused as the saga's events are, and the failed write ran the callback again every second, for good)
            log.deadLetter(deadLettered(sagaId));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.messages(deadLetters))
                    .as("dead letters on broker-b").anyMatch(m -> new String(m.getBody(), StandardCharsets.UTF_8)
                            .contains(sagaId)));

            // a saga at home on broker-b keeps its queue there, though hashing over broker-b's queues alone would move it
            String onB = IntStream.range(0, 100).mapToObj(i -> "saga-b-" + i)
                    .filter(id -> SagaLog.queueIndex(id, QUEUES) >= ON_A)
                    .filter(id -> SagaLog.queueIndex(id, QUEUES) - ON_A != SagaLog.queueIndex(id, ON_B))
                    .findFirst().orElseThrow();
            log.append(SagaEvent.created(onB, "orders"));
            // stored once the send returns, readable once the broker dispatched it to the queue (a moment later)
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.messages(topic,
                    SagaLog.queueIndex(onB, QUEUES) - ON_A)).as("%s's queue", onB)
                    .anyMatch(m -> new String(m.getBody(), StandardCharsets.UTF_8).contains(onB)));
        } finally {
            log.close();
        }
    }


    private static SagaEvent deadLettered(String sagaId) {
        return SagaEvent.failed(SagaEvent.Type.DEAD_LETTERED, sagaId, "orders", "step-1", SagaEvent.Action.COMPENSATION, 5,
                "refund service down");
    }

    private static String appendOrRefusal(SagaLog log, String sagaId) {
        try {
            log.append(SagaEvent.request(SagaEvent.Type.COMPENSATE, sagaId, "orders", "payment failed"));
            return "written";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}

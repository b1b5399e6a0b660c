package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.testsupport.TestClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker stopped with the fast close() and started again on its store keeps every message and offset. */
class BrokerRestartIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path storeDir;

    @Test
    void restartOnTheSameStoreKeepsMessagesAndOffsets() throws Exception {
        String topic = "restart-topic";
        String consumedGroup = "restart-consumed";
        Set<String> firstBatch = bodies(0, 500);

        EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().storeDir(storeDir).topic(topic, 2).start();
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            for (String body : firstBatch) {
                producer.send(new Message(topic, body.getBytes(StandardCharsets.UTF_8)));
            }
            ConcurrentLinkedQueue<MessageExt> received = new ConcurrentLinkedQueue<>();
            clients.collect(consumedGroup, topic, "*", received);
            await().atMost(DEADLINE).until(() -> bodiesOf(received).containsAll(firstBatch));
            // Closing the clients persists the group's offsets on the broker.
        }
        long closeBegin = System.nanoTime();
        broker.close();
        long closeMillis = (System.nanoTime() - closeBegin) / 1_000_000;
        // RocketMQ's own shutdown takes 13-20 s; close() returns once data and ports are done (3,012 ms seen with two
        // test JVMs sharing 2 cores), leaving the rest to the background
        assertThat(closeMillis).as("close() took %d ms", closeMillis).isLessThan(8000);
        assertThat(storeDir.resolve("broker-a").resolve("commitlog")).isDirectory();

        EmbeddedRocketMQBroker restarted = EmbeddedRocketMQBroker.builder().storeDir(storeDir).start();
        try (TestClients clients = new TestClients(restarted.getNamesrvAddr())) {
            // Every stored message is still there for a group that reads from the beginning.
            ConcurrentLinkedQueue<MessageExt> replayed = new ConcurrentLinkedQueue<>();
            clients.collect("restart-new-group", topic, "*", replayed);
            await().atMost(DEADLINE).until(() -> bodiesOf(replayed).containsAll(firstBatch));

            // The group that had consumed everything resumes after its committed offset: only new messages arrive.
            Set<String> secondBatch = bodies(500, 510);
            DefaultMQProducer producer = clients.producer();
            for (String body : secondBatch) {
                producer.send(new Message(topic, body.getBytes(StandardCharsets.UTF_8)));
            }
            ConcurrentLinkedQueue<MessageExt> resumed = new ConcurrentLinkedQueue<>();
            clients.collect(consumedGroup, topic, "*", resumed);
            await().atMost(DEADLINE).until(() -> bodiesOf(resumed).containsAll(secondBatch));
            assertThat(bodiesOf(resumed)).containsExactlyInAnyOrderElementsOf(secondBatch);
            assertThat(resumed).hasSize(secondBatch.size());
        } finally {
            restarted.close();
            // close() returns before the broker's teardown has persisted its config files into the kept store;
            // JUnit deletes the @TempDir right after the test, and a file written meanwhile failed that deletion
            EmbeddedRocketMQBroker.awaitBackgroundShutdown(DEADLINE);
        }
        assertThat(Files.exists(storeDir)).as("a given store is kept").isTrue();
    }

    @Test
    void temporaryStoreIsDeletedAfterClose() {
        EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().start();
        Path store = broker.getStoreDir();
        assertThat(store).isDirectory();
        broker.close();
        EmbeddedRocketMQBroker.awaitBackgroundShutdown(DEADLINE);
        assertThat(store).doesNotExist();
    }

    /**
     * RocketMQ's shutdown does not unmap the store's files, so deleting them freed no disk space until a GC collected
     * their buffers: in a long JVM (a test suite, the benchmarks) closed brokers held GBs of deleted files.
     */
    @Test
    void aClosedTemporaryStoreHoldsNoDiskSpace() throws Exception {
        String topic = "unmapped-topic";
        EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().commitLogFileSize(1024 * 1024).topic(topic, 2).start();
        Path store = broker.getStoreDir();
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer producer = clients.producer();
            byte[] body = new byte[16 * 1024];
            for (int i = 0; i < 200; i++) {
                producer.send(new Message(topic, body));
            }
        }
        assertThat(mappingsUnder(store)).as("commit-log files mapped while the broker runs").hasSizeGreaterThan(2);
        broker.close();
        EmbeddedRocketMQBroker.awaitBackgroundShutdown(DEADLINE);
        assertThat(store).doesNotExist();
        assertThat(mappingsUnder(store)).as("files of the deleted store still mapped (their disk space is not freed)").isEmpty();
    }

    private static List<String> mappingsUnder(Path store) throws IOException {
        String prefix = store.toAbsolutePath().toString();
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.filter(line -> line.contains(prefix)).map(line -> line.substring(line.indexOf(prefix))).distinct().toList();
        }
    }

    private static Set<String> bodies(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "message-" + i).collect(Collectors.toSet());
    }

    private static Set<String> bodiesOf(ConcurrentLinkedQueue<MessageExt> messages) {
        return messages.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
    }
}

package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Auto-batching while the broker goes away: a broker of its own, closed while batches are on their way, then started
 * again on its store to compare what was acknowledged with what was stored.
 */
class BatchingBrokerStopIT {

    private static final int QUEUES = 4;
    /** Exchanges on their way at once: enough for several batches in flight when the broker goes. */
    private static final int IN_FLIGHT = 400;

    @TempDir
    Path store;

    @Test
    void exchangesInFlightWhenTheBrokerStopsFailAndNoneIsReportedSentWithoutBeingStored() throws Exception {
        String topic = "batched-broker-stop";
        EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().storeDir(store).topic(topic, QUEUES).start();
        CamelContext context = RocketMQITSupport.newContext(broker);
        RocketMQConfiguration configuration = context.getComponent("rocketmq", RocketMQComponent.class).getConfiguration();
        // a send to the vanished broker fails within seconds instead of being retried
        configuration.setSendTimeout(2000);
        configuration.setRetryTimesWhenSendFailed(0);
        ConcurrentLinkedQueue<Exchange> done = new ConcurrentLinkedQueue<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger callbacks = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicInteger sent = new AtomicInteger();
        try {
            context.start();
            AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?batchSize=20&batchLingerMs=5")
                    .createAsyncProducer();
            producer.start();

            CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
                try {
                    while (sending.get() && slots.tryAcquire(10, TimeUnit.SECONDS)) {
                        Exchange exchange = producer.getEndpoint().createExchange();
                        exchange.getMessage().setBody("m-" + sent.getAndIncrement());
                        producer.process(exchange, doneSync -> {
                            callbacks.incrementAndGet();
                            if (exchange.getException() == null) {
                                acknowledged.incrementAndGet();
                            }
                            done.add(exchange);
                            slots.release();
                        });
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() >= 2000);
            broker.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> done.stream().anyMatch(e -> e.getException() != null));
            sending.set(false);
            caller.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> done.size() == sent.get());
            producer.stop();
        } finally {
            sending.set(false);
            context.stop();
            broker.close();
        }

        assertThat(callbacks.get()).as("each exchange completed once").isEqualTo(sent.get());
        List<Exchange> failed = done.stream().filter(e -> e.getException() != null).toList();
        assertThat(failed).isNotEmpty().allSatisfy(e -> assertThat(e.getException())
                .hasMessageMatching("(?s)The (batch of \\d+ messages|message) to topic " + topic + " was not sent: .*"));
        Set<String> reportedSent = done.stream().filter(e -> e.getException() == null)
                .map(e -> e.getMessage().getBody(String.class)).collect(Collectors.toSet());
        assertThat(reportedSent).hasSize(acknowledged.get());

        EmbeddedRocketMQBroker restarted = EmbeddedRocketMQBroker.builder().storeDir(store).start();
        try {
            List<String> stored = restarted.messages(topic).stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8)).toList();
            assertThat(stored).doesNotHaveDuplicates().containsAll(reportedSent);
            System.out.printf("%d exchanges: %d acknowledged, %d failed, %d stored%n", sent.get(), reportedSent.size(),
                    failed.size(), stored.size());
        } finally {
            restarted.close();
            // the teardown goes on in the background: JUnit deletes the store's directory next
            EmbeddedRocketMQBroker.awaitBackgroundShutdown(Duration.ofSeconds(60));
        }
    }
}

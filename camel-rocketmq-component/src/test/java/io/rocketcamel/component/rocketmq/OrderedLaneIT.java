package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ordered sends that are not waited for (ASYNC, or automatic batches) while the broker refuses some of them: the
 * broker's store answers "broker busy" (as it does under page-cache pressure) through a put hook on the real broker.
 * A refused send is retried in place, so nothing of its queue overtakes it; what still fails after the send timeout
 * fails together with what waits behind it, and nothing acknowledged is missing.
 */
class OrderedLaneIT extends RocketMQITSupport {

    /** The broker answers "broker busy" for the topic's messages while {@code refusing} says so. */
    private AtomicInteger refuse(String topic, BooleanSupplier refusing) {
        return refuseStoring(message -> message.getTopic().equals(topic) && refusing.getAsBoolean());
    }

    private List<Exchange> send(String uri, int count) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        producer.start();
        List<Exchange> done = new CopyOnWriteArrayList<>();
        for (int i = 0; i < count; i++) {
            Exchange exchange = producer.getEndpoint().createExchange();
            exchange.getMessage().setBody(String.valueOf(i));
            producer.process(exchange, doneSync -> done.add(exchange));
        }
        await().atMost(seconds(60)).until(() -> done.size() == count);
        producer.stop();
        return done;
    }

    private List<Integer> stored(String topic) {
        return broker.messages(topic, 0).stream().map(m -> Integer.parseInt(new String(m.getBody()))).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = { "sendMode=ASYNC", "batchSize=8" })
    void aRefusedSendIsRetriedInPlaceAndEveryMessageIsStoredInOrder(String options) throws Exception {
        String topic = topic("lane-retry", 1);
        AtomicInteger puts = new AtomicInteger();
        AtomicInteger refused = refuse(topic, () -> puts.incrementAndGet() % 7 == 3);

        List<Exchange> done = send("rocketmq:" + topic + "?orderKey=customer-1&" + options, 300);

        assertThat(refused.get()).as("sends the broker refused").isGreaterThan(0);
        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(broker.awaitMessages(topic, 300, seconds(10)).stream().map(m -> Integer.parseInt(new String(m.getBody()))))
                .containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "sendMode=ASYNC", "batchSize=8" })
    void whatFailsForGoodTakesWhatWaitsBehindItAndNothingOvertakes(String options) throws Exception {
        String topic = topic("lane-poisoned", 1);
        AtomicInteger puts = new AtomicInteger();
        // a window of refusals longer than the send timeout, in the middle of the stream
        long[] refusingUntil = {0};
        refuse(topic, () -> {
            int put = puts.incrementAndGet();
            if (put == 5) {
                refusingUntil[0] = System.currentTimeMillis() + 1500;
            }
            return System.currentTimeMillis() < refusingUntil[0];
        });

        List<Exchange> done = send("rocketmq:" + topic + "?orderKey=customer-1&sendTimeout=1000&" + options, 300);

        Set<Integer> acknowledged = done.stream().filter(e -> e.getException() == null)
                .map(e -> Integer.parseInt(e.getMessage().getBody(String.class))).collect(Collectors.toSet());
        broker.awaitMessages(topic, acknowledged.size(), seconds(10));
        List<Integer> stored = stored(topic);
        assertThat(acknowledged.size()).as("some failed, some were acknowledged").isBetween(1, 299);
        // no gap: a message acknowledged after one that failed would be stored before the failed one's resend
        assertThat(acknowledged).as("acknowledged: the first messages, up to the one that failed")
                .isEqualTo(IntStream.range(0, acknowledged.size()).boxed().collect(Collectors.toSet()));
        assertThat(stored).as("stored in send order").isSorted().doesNotHaveDuplicates();
        assertThat(Set.copyOf(stored)).as("stored = acknowledged").isEqualTo(acknowledged);
        assertThat(done.stream().filter(e -> e.getException() != null)).allSatisfy(e -> assertThat(e.getException())
                .hasMessageContaining("topic " + topic));
    }
}

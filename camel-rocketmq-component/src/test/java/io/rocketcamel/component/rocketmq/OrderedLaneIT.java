package io.rocketcamel.component.rocketmq;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultMessage;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.PutMessageStatus;
import org.assertj.core.api.InstanceOfAssertFactories;
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

    /** A list element of about 200 bytes: with maxMessageSize=400 each goes as a send of its own. */
    private static String part(String name) {
        return name + "-" + "x".repeat(200);
    }

    private static Exchange process(AsyncProducer producer, Object body, List<Exchange> done) throws Exception {
        Exchange exchange = producer.getEndpoint().createExchange();
        exchange.getMessage().setBody(body);
        producer.process(exchange, doneSync -> done.add(exchange));
        return exchange;
    }

    /**
     * A List body with an order key goes through its queue's lane as several sends. When one before the last is
     * answered with a status other than SEND_OK (the master stored it, a slave may not have it), the exchange fails
     * naming what the master stored, and the exchanges waiting behind it on the queue fail with it: stored now, they
     * would come before the rest of the list when the route sends it again.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=ASYNC", "batchSize=4&batchLingerMs=10" })
    void aListPartNotStoredDurablyFailsWhatWaitsBehindItAndNamesWhatWasStored(String options) throws Exception {
        String topic = topic("lane-list-status", 1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch behindWaiting = new CountDownLatch(1);
        refuseStoring(m -> {
            if (!m.getTopic().equals(topic) || !text(m.getBody()).contains("a1-")) {
                return false;
            }
            // the broker holds its answer until the next exchange of the key waits behind the list in its lane
            holding.countDown();
            try {
                behindWaiting.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, PutMessageStatus.FLUSH_SLAVE_TIMEOUT);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?orderKey=customer-1&maxMessageSize=400&"
                                                     + options).createAsyncProducer();
        producer.start();
        List<Exchange> done = new CopyOnWriteArrayList<>();

        Exchange list = process(producer, List.of(part("a0"), part("a1"), part("a2")), done);
        assertThat(holding.await(30, TimeUnit.SECONDS)).as("the list's second send reached the broker").isTrue();
        Exchange behind = process(producer, "b", done);
        behindWaiting.countDown();

        await().atMost(seconds(30)).until(() -> done.size() == 2);
        producer.stop();
        List<MessageExt> stored = broker.awaitMessages(topic, 1, seconds(15));
        assertThat(list.getException()).as("the list").hasMessageContaining("FLUSH_SLAVE_TIMEOUT");
        assertThat(behind.getException()).as("the exchange behind the list on its queue").isNotNull()
                .hasMessageContaining("earlier message");
        assertThat(stored).extracting(m -> text(m.getBody())).as("stored").containsExactly(part("a0"));
        assertThat(list.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class))
                .as("ids of what the master stored: the first send's, the second's").isNotNull()
                .startsWith(stored.get(0).getMsgId() + ",").matches("[0-9A-F]+,[0-9A-F]+");
        assertThat(list.getMessage().getHeader(RocketMQConstants.SEND_RESULT)).as("their results")
                .asInstanceOf(InstanceOfAssertFactories.list(SendResult.class)).hasSize(2);
    }

    /**
     * A List body with an order key whose second send fails for good (the broker refuses it as illegal): the first
     * stays stored and will be delivered, so the failed exchange names it, as the SYNC and ASYNC direct paths do.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=ASYNC", "batchSize=4&batchLingerMs=10" })
    void aListThatFailsPartWayOnItsQueueNamesWhatWasStored(String options) throws Exception {
        String topic = topic("lane-list-partial", 1);
        refuseStoring(m -> m.getTopic().equals(topic) && text(m.getBody()).contains("a1-"), PutMessageStatus.MESSAGE_ILLEGAL);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?orderKey=customer-1&maxMessageSize=400&"
                                                     + options).createAsyncProducer();
        producer.start();
        List<Exchange> done = new CopyOnWriteArrayList<>();

        Exchange list = process(producer, List.of(part("a0"), part("a1"), part("a2")), done);

        await().atMost(seconds(30)).until(() -> done.size() == 1);
        producer.stop();
        List<MessageExt> stored = broker.awaitMessages(topic, 1, seconds(15));
        assertThat(list.getException()).as("the list").isNotNull();
        assertThat(stored).extracting(m -> text(m.getBody())).containsExactly(part("a0"));
        assertThat(list.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class)).as("the id of what was stored")
                .isEqualTo(stored.get(0).getMsgId());
    }

    /**
     * A list whose messages have several keys (a consumed batch forwarded whole), then an exchange of its second key:
     * the list's first key is refused once and retried in place. Each key's messages are stored in the order their
     * exchanges came, the list's before the later exchange's, whatever keeps the list's first key waiting.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=ASYNC", "batchSize=8" })
    void anExchangeSentAfterAListOfSeveralKeysIsStoredAfterTheListInItsKeysQueue(String options) throws Exception {
        String topic = topic("lane-list-keys", 4);
        List<String> keys = IntStream.range(0, 64).mapToObj(k -> "k" + k).collect(Collectors.groupingBy(
                key -> OrderKeyQueueSelector.queueIndex(key, 4))).values().stream().map(sameQueue -> sameQueue.get(0))
                .limit(2).toList();
        int firstQueue = OrderKeyQueueSelector.queueIndex(keys.get(0), 4);
        AtomicBoolean refusedOnce = new AtomicBoolean();
        refuseStoring(m -> m.getTopic().equals(topic) && m.getQueueId() == firstQueue && refusedOnce.compareAndSet(false, true));
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?orderKey=$<header.orderId>&" + options)
                .createAsyncProducer();
        producer.start();
        List<Exchange> done = new CopyOnWriteArrayList<>();

        process(producer, List.of(keyed(keys.get(0) + "-0", keys.get(0)), keyed(keys.get(1) + "-0", keys.get(1))), done);
        Exchange later = producer.getEndpoint().createExchange();
        later.getMessage().setBody(keys.get(1) + "-1");
        later.getMessage().setHeader("orderId", keys.get(1));
        producer.process(later, doneSync -> done.add(later));

        await().atMost(seconds(30)).until(() -> done.size() == 2);
        producer.stop();
        assertThat(refusedOnce).as("the list's first key was refused once").isTrue();
        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        broker.awaitMessages(topic, 3, seconds(10));
        assertThat(broker.messages(topic, OrderKeyQueueSelector.queueIndex(keys.get(1), 4)))
                .extracting(m -> text(m.getBody())).containsExactly(keys.get(1) + "-0", keys.get(1) + "-1");
    }

    private org.apache.camel.Message keyed(String body, String key) {
        org.apache.camel.Message message = new DefaultMessage(context);
        message.setBody(body);
        message.setHeader("orderId", key);
        return message;
    }

    /**
     * An ordered message counted as delayed took the direct way past its key's lane: one whose deliver time had
     * passed (stored at once), or a list whose other element is due later, overtook the key's message that the lane
     * was retrying.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=ASYNC", "batchSize=8" })
    void aDelayedMessageOfAKeyDoesNotOvertakeWhatWaitsInItsLane(String options) throws Exception {
        String topic = topic("lane-delayed", 1);
        AtomicBoolean refusing = new AtomicBoolean(true);
        AtomicInteger refused = refuseHolding(topic, "first", refusing);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?orderKey=customer-1&" + options)
                .createAsyncProducer();
        producer.start();
        List<Exchange> done = new CopyOnWriteArrayList<>();
        Exchange first = process(producer, "first", done);
        await().atMost(seconds(10)).until(() -> refused.get() >= 1);

        Exchange passed = producer.getEndpoint().createExchange();
        passed.getMessage().setBody("due-already");
        passed.getMessage().setHeader(RocketMQConstants.DELIVER_TIME, System.currentTimeMillis() - 1000);
        producer.process(passed, doneSync -> done.add(passed));
        org.apache.camel.Message later = new DefaultMessage(context);
        later.setBody("due-in-a-minute");
        later.setHeader(RocketMQConstants.DELIVER_TIME, System.currentTimeMillis() + 60_000);
        org.apache.camel.Message now = new DefaultMessage(context);
        now.setBody("now-in-list");
        process(producer, List.of(now, later), done);
        // refused again: the lane retries it in place, and then the broker stores it
        await().atMost(seconds(5)).until(() -> refused.get() >= 2);
        refusing.set(false);

        await().atMost(seconds(30)).until(() -> done.size() == 3);
        producer.stop();
        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(first.getException()).isNull();
        broker.awaitMessages(topic, 3, seconds(10));
        assertThat(broker.messages(topic, 0)).extracting(m -> text(m.getBody()))
                .containsExactly("first", "due-already", "now-in-list");
    }

    /**
     * With a namespace, a packed batch names its topic with the namespace and a single message without it: the two
     * took two lanes of one queue, and a single message of the key overtook the list the broker was refusing.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=ASYNC", "batchSize=8" })
    void withANamespaceAMessageOfTheKeyWaitsBehindAListItsLaneRetries(String options) throws Exception {
        String topic = unique("lane-ns");
        broker.createTopic("ns%" + topic, 1);
        AtomicBoolean refusing = new AtomicBoolean(true);
        AtomicInteger refused = refuseHolding("ns%" + topic, "L1", refusing);
        String uri = "rocketmq:" + topic + "?namespace=ns&orderKey=customer-1&" + options;
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        producer.start();
        List<Exchange> done = new CopyOnWriteArrayList<>();
        process(producer, List.of("L1", "L2"), done);
        await().atMost(seconds(10)).until(() -> refused.get() >= 1);
        process(producer, "S", done);
        await().atMost(seconds(5)).until(() -> refused.get() >= 3);
        refusing.set(false);

        await().atMost(seconds(30)).until(() -> done.size() == 2);
        producer.stop();
        assertThat(done).allSatisfy(e -> assertThat(e.getException()).isNull());
        broker.awaitMessages("ns%" + topic, 3, seconds(10));
        assertThat(broker.messages("ns%" + topic, 0)).extracting(m -> text(m.getBody()))
                .containsExactly("L1", "L2", "S");
    }

    /** "Broker busy" for puts to the topic holding that text (a message, or a batch of it) while refusing says so. */
    private AtomicInteger refuseHolding(String topic, String text, AtomicBoolean refusing) {
        return refuseStoring(m -> m.getTopic().equals(topic) && refusing.get()
                                  && new String(m.getBody(), StandardCharsets.ISO_8859_1).contains(text));
    }
}

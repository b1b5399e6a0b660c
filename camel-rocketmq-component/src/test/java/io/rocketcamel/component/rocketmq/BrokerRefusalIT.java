package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.ObjectHelper;
import org.apache.rocketmq.store.PutMessageStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The broker itself refuses a message as illegal (MESSAGE_ILLEGAL: a body or properties over its own limits, which
 * may be lower than the producer's {@code maxMessageSize}): sending it again as it is can never succeed, so the
 * exchange fails with {@link UnsendableMessageException}, at once, on every send path, and the next message is sent.
 */
class BrokerRefusalIT extends RocketMQITSupport {

    private static final String ILLEGAL = "illegal-";
    /** Far above how long a refusal takes: an ordered send retried in place would take all of it. */
    private static final long SEND_TIMEOUT_MS = 10_000;

    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC", "batchSize=4&batchLingerMs=10",
                             "orderKey=customer-1&batchSize=4&batchLingerMs=10", "transactional=true" })
    void aMessageTheBrokerRefusesAsIllegalFailsAtOnceAsUnsendableAndTheNextIsSent(String options) throws Exception {
        String topic = topic("broker-refusal", 2);
        AtomicInteger refused = refuseStoring(m -> text(m.getBody()).startsWith(ILLEGAL), PutMessageStatus.MESSAGE_ILLEGAL);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("rocketmq:" + topic + "?sendTimeout=" + SEND_TIMEOUT_MS + "&" + options);
            }
        });

        long begin = System.nanoTime();
        Exchange bad = template.send("direct:send", e -> e.getMessage().setBody(ILLEGAL + options));
        long tookMillis = (System.nanoTime() - begin) / 1_000_000;
        Exchange good = template.send("direct:send", e -> e.getMessage().setBody("good"));

        Throwable failure = bad.getException();
        assertThat(ObjectHelper.getException(UnsendableMessageException.class, failure)).as("%s", failure).isNotNull()
                .hasMessageContaining("MESSAGE_ILLEGAL").hasMessageContaining(topic);
        assertThat(tookMillis).as("refused after %d ms", tookMillis).isLessThan(SEND_TIMEOUT_MS / 2);
        assertThat(refused).as("the broker was asked once: neither the client nor an ordered lane sent it again").hasValue(1);
        assertThat(good.getException()).isNull();
        await().atMost(seconds(15)).until(() -> broker.messageCount(topic) == 1);
        assertThat(broker.messages(topic)).extracting(m -> text(m.getBody())).containsExactly("good");
    }

    /**
     * A List body goes as one batch, which the broker refuses as a whole: sent as it is, it is refused again however
     * often it is sent, so its exchange fails as unsendable, naming the batch and how it might pass.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC" })
    void aListBodyTheBrokerRefusesAsIllegalFailsAsUnsendableNamingTheBatch(String options) throws Exception {
        String topic = topic("broker-refusal-list", 2);
        AtomicInteger refused = refuseStoring(m -> m.getTopic().equals(topic), PutMessageStatus.MESSAGE_ILLEGAL);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("rocketmq:" + topic + "?sendTimeout=" + SEND_TIMEOUT_MS + "&" + options);
            }
        });

        Exchange bad = template.send("direct:send", e -> e.getMessage().setBody(List.of("a", "b", "c")));

        Throwable failure = bad.getException();
        assertThat(ObjectHelper.getException(UnsendableMessageException.class, failure)).as("%s", failure).isNotNull()
                .hasMessageContainingAll("batch of 3 messages", "MESSAGE_ILLEGAL", topic, "smaller batches");
        assertThat(refused).as("the broker was asked once").hasValue(1);
        assertThat(broker.messageCount(topic)).isZero();
    }

    /**
     * An ordered queue's exchanges waiting behind a message the broker refuses as illegal are sent after it, in their
     * order: it is never stored, so they cannot overtake it, and failing them with it would only make the route resend
     * what it could have sent.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=ASYNC", "batchSize=4&batchLingerMs=10" })
    void theExchangesWaitingBehindAnIllegalMessageOnItsQueueAreSentInOrder(String options) throws Exception {
        String topic = topic("illegal-ahead", 1);
        CountDownLatch refusing = new CountDownLatch(1);
        CountDownLatch othersWaiting = new CountDownLatch(1);
        AtomicInteger refused = refuseStoring(m -> {
            if (!text(m.getBody()).startsWith(ILLEGAL)) {
                return false;
            }
            // the broker holds its answer until the others wait behind the refused message in its lane
            refusing.countDown();
            try {
                othersWaiting.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, PutMessageStatus.MESSAGE_ILLEGAL);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?orderKey=customer-1&sendTimeout="
                                                     + SEND_TIMEOUT_MS + "&" + options).createAsyncProducer();
        producer.start();

        List<Exchange> illegal = sendWithoutWaiting(producer, 1, i -> ILLEGAL + i, i -> "k");
        assertThat(refusing.await(30, TimeUnit.SECONDS)).as("the illegal message reached the broker").isTrue();
        List<Exchange> behind = sendWithoutWaiting(producer, 3, i -> String.valueOf(i + 1), i -> "k");
        othersWaiting.countDown();

        await().atMost(seconds(30)).until(() -> illegal.size() == 1 && behind.size() == 3);
        producer.stop();
        assertThat(ObjectHelper.getException(UnsendableMessageException.class, illegal.get(0).getException()))
                .as("%s", illegal.get(0).getException()).isNotNull();
        assertThat(behind).allSatisfy(e -> assertThat(e.getException()).isNull());
        assertThat(refused).hasValue(1);
        assertThat(broker.awaitMessages(topic, 3, seconds(15))).extracting(m -> text(m.getBody()))
                .containsExactly("1", "2", "3");
    }

    /**
     * An automatic batch the broker refuses as illegal (it may be too large only as a whole): its exchanges are sent
     * again one per send (in their order on an ordered queue), so only the one whose message is illegal on its own
     * fails.
     */
    @ParameterizedTest
    @ValueSource(strings = { "batchSize=8&batchLingerMs=200", "orderKey=customer-1&batchSize=8&batchLingerMs=200" })
    void aRefusedBatchIsSentAgainOneByOneAndOnlyItsIllegalMessageFails(String options) throws Exception {
        String topic = topic("illegal-batch", 1);
        // a batch's body holds its messages' bodies: the broker refuses the batch holding the illegal one, then it alone
        AtomicInteger refused = refuseStoring(m -> text(m.getBody()).contains(ILLEGAL), PutMessageStatus.MESSAGE_ILLEGAL);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?sendTimeout=" + SEND_TIMEOUT_MS + "&" + options)
                .createAsyncProducer();
        producer.start();

        List<Exchange> done = sendWithoutWaiting(producer, 4, i -> i == 2 ? ILLEGAL + i : String.valueOf(i), i -> "k");

        await().atMost(seconds(30)).until(() -> done.size() == 4);
        producer.stop();
        assertThat(done).allSatisfy(e -> {
            Throwable failure = e.getException();
            if (text(e.getMessage().getBody()).startsWith(ILLEGAL)) {
                assertThat(ObjectHelper.getException(UnsendableMessageException.class, failure)).as("%s", failure).isNotNull();
            } else {
                assertThat(failure).isNull();
            }
        });
        assertThat(refused).as("the batch, then the illegal message alone").hasValue(2);
        List<String> stored = broker.awaitMessages(topic, 3, seconds(15)).stream().map(m -> text(m.getBody())).toList();
        if (options.contains("orderKey")) {
            assertThat(stored).containsExactly("0", "1", "3");
        } else {
            // an unordered lane sends them side by side
            assertThat(stored).containsExactlyInAnyOrder("0", "1", "3");
        }
    }
}

package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.PutMessageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * retryTimesWhenSendFailed on every send path. The client retries a SYNC send without a key itself; it sends a SYNC
 * send with an order key or message group once, and does not retry an ASYNC send the broker answers with an error:
 * the producer retries those. The broker refuses stores as "service not available", as a broker shutting down answers.
 */
class SendRetryIT extends RocketMQITSupport {

    private List<Exchange> send(String uri, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> template.send(uri, exchange -> exchange.getMessage().setBody("m" + i))).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "&orderKey=customer-1", "&messageGroup=customer-1", "&sendMode=ASYNC",
                             "&sendMode=ASYNC&orderKey=customer-1" })
    void aSendTheBrokerRefusesOnceIsRetriedAndStoredOnce(String options) {
        String topic = topic("send-retry", 4);
        Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = refuseStoring(m -> m.getTopic().equals(topic) && refusedOnce.add(text(m.getBody())),
                PutMessageStatus.SERVICE_NOT_AVAILABLE);

        List<Exchange> sent = send("rocketmq:" + topic + "?retryTimesWhenSendFailed=2" + options, 3);

        assertThat(sent).allSatisfy(exchange -> assertThat(exchange.getException()).isNull());
        assertThat(refused).as("first stores refused").hasValue(3);
        List<MessageExt> stored = broker.awaitMessages(topic, 3, seconds(10));
        assertThat(stored).extracting(m -> text(m.getBody())).containsExactlyInAnyOrder("m0", "m1", "m2");
        if (options.contains("Key") || options.contains("Group")) {
            assertThat(stored).extracting(MessageExt::getQueueId).as("the key's queue").containsOnly(
                    stored.get(0).getQueueId());
            assertThat(broker.messages(topic, stored.get(0).getQueueId())).extracting(m -> text(m.getBody()))
                    .containsExactly("m0", "m1", "m2");
        }
    }

    @ParameterizedTest
    @CsvSource({ "'', 2", "&orderKey=customer-1, 2", "&orderKey=customer-1, 0", "&sendMode=ASYNC, 2",
                 "&sendMode=ASYNC, 0" })
    void aSendStillRefusedFailsAfterItsRetries(String options, int retries) {
        String topic = topic("send-refused", 4);
        AtomicInteger refused = refuseStoring(m -> m.getTopic().equals(topic), PutMessageStatus.SERVICE_NOT_AVAILABLE);

        List<Exchange> sent = send("rocketmq:" + topic + "?retryTimesWhenSendFailed=" + retries + options, 1);

        assertThat(sent.get(0).getException()).as("the exchange fails").isNotNull();
        assertThat(refused).as("stores tried").hasValue(1 + retries);
        assertThat(broker.messageCount(topic)).isZero();
    }

    /**
     * Exchanges sharing one automatic batch that stays refused each fail with it: an outside audit planted a lane
     * failing only the batch's first exchange, the others completing as sent, and only a test stopping a broker for
     * half a minute caught it.
     */
    @ParameterizedTest
    @ValueSource(strings = { "", "&orderKey=customer-1" })
    void exchangesSharingABatchStillRefusedEachFail(String options) throws Exception {
        String topic = topic("batch-refused", 1);
        refuseStoring(m -> m.getTopic().equals(topic), PutMessageStatus.SERVICE_NOT_AVAILABLE);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?batchSize=4&batchLingerMs=500"
                                                     + "&retryTimesWhenSendFailed=1&sendTimeout=3000" + options)
                .createAsyncProducer();
        producer.start();

        List<Exchange> done = sendWithoutWaiting(producer, 4, i -> "m" + i, i -> "k");

        await().atMost(seconds(30)).until(() -> done.size() == 4);
        producer.stop();
        assertThat(done).allSatisfy(e -> assertThat(e.getException()).as("%s", e.getMessage().getBody()).isNotNull());
        assertThat(broker.messageCount(topic)).isZero();
    }

    /**
     * A stream is read by the first attempt: left as the body, it was empty at Camel's redelivery, which failed as an
     * empty body (parked by a route's UnsendableMessageException handler without its message). Failed first here.
     */
    @Test
    void aStreamBodyIsSentAgainByCamelsRedeliveryOfAFailedSend() throws Exception {
        String topic = topic("send-stream", 1);
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicInteger refused = refuseStoring(m -> m.getTopic().equals(topic) && first.getAndSet(false),
                PutMessageStatus.SERVICE_NOT_AVAILABLE);
        CamelContext own = anotherContext();
        own.setStreamCaching(false);
        own.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
                from("direct:stream").to("rocketmq:" + topic + "?retryTimesWhenSendFailed=0");
            }
        });
        own.start();

        Exchange sent = own.createProducerTemplate().send("direct:stream", e -> e.getMessage()
                .setBody(new ByteArrayInputStream("stream-body".getBytes(StandardCharsets.UTF_8))));

        assertThat(sent.getException()).isNull();
        assertThat(refused).as("first store refused").hasValue(1);
        assertThat(broker.awaitMessages(topic, 1, seconds(10))).extracting(m -> text(m.getBody()))
                .containsExactly("stream-body");
    }
}

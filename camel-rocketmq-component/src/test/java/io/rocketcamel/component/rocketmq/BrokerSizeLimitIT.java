package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import io.rocketcamel.component.rocketmq.producer.lanes.LaneSender;
import io.rocketcamel.testsupport.CapturedLogs;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.apache.rocketmq.broker.mqtrace.SendMessageContext;
import org.apache.rocketmq.broker.mqtrace.SendMessageHook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broker of its own whose maxMessageSize (64 KiB) is below the endpoints' (4 MiB by default). A real broker does
 * not answer MESSAGE_ILLEGAL for a batch over its limit: its batch encoder throws "message body size exceeded", and the
 * client hears SYSTEM_ERROR with that remark.
 */
@EmbeddedRocketMQ(shared = false, brokerProperties = { "maxMessageSize=65536", "waitTimeMillsInSendQueue=2000" })
class BrokerSizeLimitIT extends RocketMQITSupport {

    private static final int BROKER_LIMIT = 65_536;
    private static final long SEND_TIMEOUT_MS = 10_000;

    private final List<SendMessageHook> sendCounters = new ArrayList<>();

    /** A body of about 20,000 bytes that starts with its index: four of them make a batch over the broker's limit. */
    private static String body(int i) {
        return i + ":" + "x".repeat(20_000);
    }

    private static int indexOf(byte[] body) {
        String text = text(body);
        return Integer.parseInt(text.substring(0, text.indexOf(':')));
    }

    /**
     * The batch is too large only as a whole: its exchanges are sent again one per send (on an ordered queue in their
     * order), and each is stored. Before, an unordered lane failed all four, and an ordered one retried the batch in
     * place until sendTimeout and then failed it.
     */
    @ParameterizedTest
    @ValueSource(strings = { "batchSize=8&batchLinger=500ms", "orderKey=customer-1&batchSize=8&batchLinger=500ms" })
    void anAutomaticBatchOverTheBrokersLimitIsSentAgainOneExchangePerSend(String options) throws Exception {
        String topic = topic("broker-limit-batch", 1);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?sendTimeout=" + SEND_TIMEOUT_MS + "&" + options)
                .createAsyncProducer();
        producer.start();
        List<Exchange> done;
        List<String> warnings;
        try (CapturedLogs logs = new CapturedLogs(LaneSender.class)) {
            done = sendWithoutWaiting(producer, 4, BrokerSizeLimitIT::body, i -> "k");
            await().atMost(seconds(30)).until(() -> done.size() == 4);
            // a second batch that large: the producer has said why already
            List<Exchange> again = sendWithoutWaiting(producer, 4, i -> body(i + 4), i -> "k");
            await().atMost(seconds(30)).until(() -> again.size() == 4);
            done.addAll(again);
            warnings = logs.messages(Level.WARN);
        }
        producer.stop();

        assertThat(done).allSatisfy(e -> assertThat(e.getException()).as("%s", e.getException()).isNull());
        List<Integer> stored = broker.awaitMessages(topic, 8, seconds(15)).stream().map(m -> indexOf(m.getBody())).toList();
        if (options.contains("orderKey")) {
            assertThat(stored).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        } else {
            // an unordered lane sends them side by side
            assertThat(stored).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
        }
        assertThat(warnings).as("one WARN per producer").singleElement().asString()
                .contains(topic, "maxMessageSize=" + 4 * 1024 * 1024, "message body size exceeded");
    }

    /**
     * A lane sends with the client's asynchronous send whatever the endpoint's sendMode, and the 5.5.0 client retries
     * no broker's answer there (only a send that got none): the batch refused as over the broker's limit goes once,
     * then each of its exchanges on its own. The broker stores nothing of a batch it refuses so: each message is
     * stored once.
     */
    @ParameterizedTest
    @ValueSource(strings = { "batchSize=8&batchLinger=500ms", "sendMode=ASYNC&batchSize=8&batchLinger=500ms",
                             "orderKey=customer-1&batchSize=8&batchLinger=500ms" })
    void anAutomaticBatchOverTheBrokersLimitIsSentOnceThenEachExchangeOnce(String options) throws Exception {
        String topic = topic("broker-limit-attempts", 1);
        AtomicInteger requests = countSendRequests(topic);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?sendTimeout=" + SEND_TIMEOUT_MS + "&" + options)
                .createAsyncProducer();
        producer.start();
        List<Exchange> done = sendWithoutWaiting(producer, 4, BrokerSizeLimitIT::body, i -> "k");
        await().atMost(seconds(30)).until(() -> done.size() == 4);
        producer.stop();

        assertThat(done).allSatisfy(e -> assertThat(e.getException()).as("%s", e.getException()).isNull());
        assertThat(broker.awaitMessages(topic, 4, seconds(15))).hasSize(4);
        assertThat(requests).as("send requests the broker got: the batch, then one per exchange").hasValue(1 + 4);
        assertThat(broker.messageCount(topic)).isEqualTo(4);
    }

    /**
     * A List body's batch over the broker's limit is refused however often it is sent as it is: the exchange fails as
     * unsendable, naming the batch, how it might pass and the broker's answer.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC" })
    void aListBodyOverTheBrokersLimitFailsAsUnsendableNamingTheBatch(String options) throws Exception {
        String topic = topic("broker-limit-list", 1);
        AtomicInteger requests = countSendRequests(topic);

        Exchange bad = template.send("rocketmq:" + topic + "?sendTimeout=" + SEND_TIMEOUT_MS + "&" + options,
                e -> e.getMessage().setBody(IntStream.range(0, 4).mapToObj(BrokerSizeLimitIT::body).toList()));

        Throwable failure = bad.getException();
        assertThat(ObjectHelper.getException(UnsendableMessageException.class, failure)).as("%s", failure).isNotNull()
                .hasMessageContainingAll("batch of 4 messages", topic, "smaller batches", "message body size exceeded",
                        "maxMessageSize");
        assertThat(broker.messageCount(topic)).isZero();
        // nothing of a refused batch is stored, so no retry can store it twice; a SYNC send's client retries
        // SYSTEM_ERROR (retryTimesWhenSendFailed, on another broker when there is one): two refused round trips
        // more, which only retryTimesWhenSendFailed=0 avoids (the client would no longer retry a genuine system error
        // either). An ASYNC send's client retries no answer of a broker
        assertThat(requests).as("send requests the broker got").hasValue(options.equals("sendMode=SYNC") ? 1 + 2 : 1);
    }

    /**
     * A message whose body is within maxMessageSize, though not with a batch entry's properties and overhead, is
     * stored as it is with batchSize=1 (the client checks the body, the broker body and properties against limits of
     * its own): with batching on it is sent on its own. Before, it was refused as unsendable up front.
     */
    @ParameterizedTest
    @ValueSource(strings = { "batchSize=1", "batchSize=8", "sendMode=ASYNC&orderKey=customer-1" })
    void aMessageWithinMaxMessageSizeIsStoredWhateverTheBatchSize(String options) throws Exception {
        String topic = topic("body-at-limit", 1);
        byte[] body = new byte[65_500];
        // not compressible: the client compresses a body it sends alone, which would hide what the broker is sent
        new Random(7).nextBytes(body);

        Exchange sent = template.send("rocketmq:" + topic + "?maxMessageSize=" + BROKER_LIMIT + "&sendTimeout="
                                      + SEND_TIMEOUT_MS + "&" + options, e -> e.getMessage().setBody(body));

        assertThat(sent.getException()).as("%s", sent.getException()).isNull();
        assertThat(broker.awaitMessages(topic, 1, seconds(15))).singleElement()
                .satisfies(m -> assertThat(m.getBody()).isEqualTo(body));
    }

    /**
     * The client sends a body over 4 KiB compressed even when it grew: one at maxMessageSize that does not compress is
     * over the broker's limit only as sent. Refused as unsendable, as before, but the refusal now says why, where it
     * named a limit the body was within.
     */
    @ParameterizedTest
    @ValueSource(strings = { "batchSize=1", "sendMode=ASYNC" })
    void aBodyThatGrowsCompressedPastTheBrokersLimitIsRefusedSayingSo(String options) {
        String topic = topic("body-grown", 1);
        byte[] body = new byte[BROKER_LIMIT];
        new Random(11).nextBytes(body);

        Exchange sent = template.send("rocketmq:" + topic + "?maxMessageSize=" + BROKER_LIMIT + "&sendTimeout="
                                      + SEND_TIMEOUT_MS + "&" + options, e -> e.getMessage().setBody(body));

        UnsendableMessageException refusal = ObjectHelper.getException(UnsendableMessageException.class,
                sent.getException());
        assertThat(refusal).as("%s", sent.getException()).isNotNull();
        assertThat(refusal.getMessage()).contains("MESSAGE_ILLEGAL", "65536 bytes", "compressed", "does not compress");
        assertThat(broker.messageCount(topic)).isZero();
    }

    /**
     * A List body's message whose body is within maxMessageSize, though not with a batch entry's properties and
     * overhead, is sent on its own between the batches of the others, in the list's order, as a lane sends such an
     * exchange: the broker stores it as it does with batchSize=1. Before, the whole list was refused as unsendable.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC", "orderKey=customer-1",
                             "sendMode=ASYNC&orderKey=customer-1&batchSize=8" })
    void aListElementWithinMaxMessageSizeIsSentOnItsOwnInTheListsOrder(String options) throws Exception {
        String topic = topic("list-body-at-limit", 1);
        byte[] large = new byte[65_500];
        // not compressible: the client compresses a body it sends alone, which would hide what the broker is sent
        new Random(11).nextBytes(large);
        List<Object> list = List.of("before-0", "before-1", large, "after-0");

        Exchange sent = template.send("rocketmq:" + topic + "?maxMessageSize=" + BROKER_LIMIT + "&sendTimeout="
                                      + SEND_TIMEOUT_MS + "&" + options, e -> e.getMessage().setBody(list));

        assertThat(sent.getException()).as("%s", sent.getException()).isNull();
        List<byte[]> stored = broker.awaitMessages(topic, 4, seconds(15)).stream().map(m -> m.getBody()).toList();
        assertThat(stored).extracting(BrokerSizeLimitIT::text).containsExactly("before-0", "before-1", text(large),
                "after-0");
        assertThat(stored.get(2)).isEqualTo(large);
        assertThat(sent.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class).split(",")).hasSize(4);
    }

    /**
     * Until the test ends, counts the send requests the broker gets for the topic, stored or refused (a batch is one),
     * the client's own retries included. This broker is the class's own: nothing else sends while a hook is added.
     */
    private AtomicInteger countSendRequests(String topic) {
        AtomicInteger requests = new AtomicInteger();
        SendMessageHook counter = new SendMessageHook() {
            @Override
            public String hookName() {
                return "test-send-requests-" + topic;
            }

            @Override
            public void sendMessageBefore(SendMessageContext request) {
                if (topic.equals(request.getTopic())) {
                    requests.incrementAndGet();
                }
            }

            @Override
            public void sendMessageAfter(SendMessageContext request) {
            }
        };
        sendCounters.add(counter);
        brokerController().getSendMessageHookList().add(counter);
        return requests;
    }

    @AfterEach
    void stopCounting() {
        brokerController().getSendMessageHookList().removeAll(sendCounters);
    }
}

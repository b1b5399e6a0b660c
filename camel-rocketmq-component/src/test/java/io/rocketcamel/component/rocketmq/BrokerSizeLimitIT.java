package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import io.rocketcamel.component.rocketmq.producer.lanes.LaneSender;
import io.rocketcamel.testsupport.CapturedLogs;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
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
     * A List body's batch over the broker's limit is refused however often it is sent as it is: the exchange fails as
     * unsendable, naming the batch, how it might pass and the broker's answer.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC" })
    void aListBodyOverTheBrokersLimitFailsAsUnsendableNamingTheBatch(String options) throws Exception {
        String topic = topic("broker-limit-list", 1);

        Exchange bad = template.send("rocketmq:" + topic + "?sendTimeout=" + SEND_TIMEOUT_MS + "&" + options,
                e -> e.getMessage().setBody(IntStream.range(0, 4).mapToObj(BrokerSizeLimitIT::body).toList()));

        Throwable failure = bad.getException();
        assertThat(ObjectHelper.getException(UnsendableMessageException.class, failure)).as("%s", failure).isNotNull()
                .hasMessageContainingAll("batch of 4 messages", topic, "smaller batches", "message body size exceeded",
                        "maxMessageSize");
        assertThat(broker.messageCount(topic)).isZero();
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
}

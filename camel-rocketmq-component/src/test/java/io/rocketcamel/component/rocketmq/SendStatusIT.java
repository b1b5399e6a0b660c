package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rocketcamel.broker.junit.EmbeddedRocketMQ;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.store.config.BrokerRole;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker of its own that stores each message on the master but never gets the slave's acknowledgement it waits
 * for (SYNC_MASTER needing two in-sync replicas, no slave): every send answers FLUSH_SLAVE_TIMEOUT after 300 ms. A
 * send the broker did not store durably must not be reported as sent.
 */
@EmbeddedRocketMQ(shared = false, masterRole = BrokerRole.SYNC_MASTER,
                  brokerProperties = { "inSyncReplicas=2", "totalReplicas=2", "slaveTimeout=300" })
class SendStatusIT extends RocketMQITSupport {

    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC", "batchSize=4&batchLingerMs=50" })
    void aSendNotStoredDurablyFailsTheExchangeNamingTheStatus(String options) throws Exception {
        String topic = topic("not-durable", 1);
        Exchange sent = template.send("rocketmq:" + topic + "?" + options, e -> e.getMessage().setBody("order-1"));

        assertThat(sent.getException()).as(options).isNotNull()
                .hasMessageContaining("FLUSH_SLAVE_TIMEOUT").hasMessageContaining("requireSendOk");
    }

    /**
     * Exchanges that share one automatic batch (with and without an order key, whose lane sends it): each fails with
     * the batch's status. An outside audit planted a lane that ignored a shared batch's status, and no test failed:
     * the other cases send one exchange per batch.
     */
    @ParameterizedTest
    @ValueSource(strings = { "", "&orderKey=one-key&sendMode=ASYNC" })
    void exchangesSharingABatchNotStoredDurablyEachFail(String options) throws Exception {
        String topic = topic("not-durable-shared", 1);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?batchSize=4&batchLingerMs=500" + options)
                .createAsyncProducer();
        producer.start();
        List<Exchange> done = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            Exchange exchange = producer.getEndpoint().createExchange();
            exchange.getMessage().setBody("order-" + i);
            producer.process(exchange, doneSync -> done.add(exchange));
        }

        await().atMost(seconds(10)).until(() -> done.size() == 4);
        assertThat(done).as(options).allSatisfy(exchange -> assertThat(exchange.getException()).as("%s",
                exchange.getMessage().getBody()).hasMessageContaining("FLUSH_SLAVE_TIMEOUT"));
        assertThat(broker.messageCount(topic)).as("stored together, on the master").isEqualTo(4);
        producer.stop();
    }

    @Test
    void aListBodySentAsBatchesFailsWhenABatchIsNotStoredDurably() throws Exception {
        String topic = topic("not-durable-list", 1);
        Exchange sent = template.send("rocketmq:" + topic, e -> e.getMessage().setBody(List.of("a", "b", "c")));

        assertThat(sent.getException()).hasMessageContaining("FLUSH_SLAVE_TIMEOUT");
    }

    @Test
    void requireSendOkFalseAcceptsTheStatusAndReportsIt() throws Exception {
        String topic = topic("availability-first", 1);
        AsyncProducer producer = context.getEndpoint("rocketmq:" + topic + "?requireSendOk=false").createAsyncProducer();
        producer.start();
        List<Exchange> done = new CopyOnWriteArrayList<>();
        Exchange exchange = producer.getEndpoint().createExchange();
        exchange.getMessage().setBody("order-2");
        producer.process(exchange, doneSync -> done.add(exchange));

        await().atMost(seconds(10)).until(() -> done.size() == 1);
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(RocketMQConstants.SEND_STATUS)).isEqualTo(SendStatus.FLUSH_SLAVE_TIMEOUT);
        producer.stop();
    }
}

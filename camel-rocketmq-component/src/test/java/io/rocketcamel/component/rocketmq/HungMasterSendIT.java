package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends to a topic on two masters while one of them hangs (SIGSTOP: registered and connected, answering nothing).
 * The client picks the topic's queues in turn, so without sendLatencyFaultEnable every send to the hung master's
 * queues waits sendTimeout and fails; with it, the first failure leaves that master out and the sends after it go to
 * the other one. broker-a runs in this JVM, broker-b in a child JVM.
 */
class HungMasterSendIT {

    private static final String TOPIC = TestNames.unique("hung-master");
    private static final int SENDS = 12;

    private static TwoBrokers brokers;

    @BeforeAll
    static void start() throws Exception {
        brokers = TwoBrokers.start(TOPIC, 2, "hung-master-broker-b.log");
    }

    @AfterAll
    static void stop() {
        if (brokers != null) {
            brokers.close();
        }
    }

    /** Every kind of send the client picks the queue for: SYNC, ASYNC, and automatic batches of one message. */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC", "batchSize=8" })
    void withSendLatencyFaultEnableSendsLeaveTheHungMasterOutAfterItsFirstFailure(String sendMode) throws Exception {
        List<Exchange> sent = sendWhileBrokerBHangs("sendLatencyFaultEnable=true&" + sendMode);

        assertThat(failures(sent)).as("sends that failed (each waited sendTimeout on broker-b)").isLessThanOrEqualTo(1);
        assertThat(sent).filteredOn(e -> e.getException() == null)
                .allSatisfy(e -> assertThat(e.getMessage().getHeader(RocketMQConstants.BROKER_NAME))
                        .isEqualTo("broker-a"));
    }

    /** RocketMQ's default, kept as the component's: the contrast that shows the option's effect. */
    @Test
    void withoutItEverySendToTheHungMastersQueuesFails() throws Exception {
        List<Exchange> sent = sendWhileBrokerBHangs("sendLatencyFaultEnable=false");

        // the 4 queues in turn, 2 of them on broker-b
        assertThat(failures(sent)).as("sends that failed").isGreaterThanOrEqualTo(SENDS / 2 - 1);
    }

    private static List<Exchange> sendWhileBrokerBHangs(String option) throws Exception {
        CamelContext context = brokers.camelContext();
        context.start();
        String uri = "rocketmq:" + TOPIC + "?sendTimeout=1000&" + option;
        List<Exchange> sent = new ArrayList<>();
        try {
            ProducerTemplate template = context.createProducerTemplate();
            // the producer's route of the topic, both masters answering
            assertThat(template.send(uri, e -> e.getMessage().setBody("warm-up")).getException()).isNull();
            brokers.brokerB.suspend();
            try {
                for (int i = 0; i < SENDS; i++) {
                    String body = "m" + i;
                    sent.add(template.send(uri, e -> e.getMessage().setBody(body)));
                }
            } finally {
                brokers.brokerB.resume();
            }
        } finally {
            context.stop();
        }
        return sent;
    }

    private static long failures(List<Exchange> sent) {
        return sent.stream().filter(e -> e.getException() != null).count();
    }
}

package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.rocketcamel.testsupport.TestNames;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends to a topic on two masters while one of them hangs (SIGSTOP: registered and connected, answering nothing).
 * The client picks the topic's queues in turn, so without sendLatencyFaultEnable every send to the hung master's
 * queues waits an attempt's timeout there (sendAttemptTimeout) and then goes to the other master; with it, the first
 * such attempt leaves that master out and the sends after it go to the other one. broker-a runs in this JVM, broker-b
 * in a child JVM.
 */
class HungMasterSendIT {

    private static final String TOPIC = TestNames.unique("hung-master");
    private static final int SENDS = 12;
    /** An attempt of 667 ms: one of 333 ms to the master that answers timed out on a loaded CI machine. */
    private static final long SEND_TIMEOUT_MILLIS = 2000;
    /** sendTimeout shared among the three attempts the defaults allow. */
    private static final long ATTEMPT_MILLIS = SEND_TIMEOUT_MILLIS / 3;

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

    /**
     * Every kind of send the client picks the queue for: SYNC, ASYNC and automatic batches (of one message here).
     * The first send that picked the hung master used to wait all of sendTimeout there: SYNC failed with no time left
     * for the other master, or its retry had a few ms left, timed out at once and made the client leave out the master
     * that answers too (a producer of several threads then sent about half its messages to the hung master, 3 s each,
     * for as long as it hung: reliability scenario 9); ASYNC and batches failed (the client fails an asynchronous
     * request without an answer a second or two past its timeout, and its retry gets what is left of that one
     * timeout). Each attempt now has its share of sendTimeout (sendAttemptTimeout), and a retry goes to another master.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC", "batchSize=8" })
    void withSendLatencyFaultEnableEverySendIsStoredByTheMasterThatAnswers(String sendMode) throws Exception {
        List<Exchange> sent = sendWhileBrokerBHangs("sendLatencyFaultEnable=true&" + sendMode);

        assertThat(failed(sent)).as("sends that failed").isEmpty();
        assertThat(sent).allSatisfy(e -> assertThat(e.getMessage().getHeader(RocketMQConstants.BROKER_NAME))
                .isEqualTo("broker-a"));
    }

    /**
     * RocketMQ's default, kept as the component's: the contrast that shows the option's effect. Each send that picks
     * the hung master's queue waits an attempt's timeout there (sendAttemptTimeout: sendTimeout shared among the
     * three attempts), then goes to the other master.
     */
    @ParameterizedTest
    @ValueSource(strings = { "sendMode=SYNC", "sendMode=ASYNC", "batchSize=8" })
    void withoutItEverySendToTheHungMastersQueuesWaitsAnAttemptsTimeoutFirst(String sendMode) throws Exception {
        long started = System.nanoTime();
        List<Exchange> sent = sendWhileBrokerBHangs("sendLatencyFaultEnable=false&" + sendMode);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(failed(sent)).as("sends that failed").isEmpty();
        assertThat(sent).allSatisfy(e -> assertThat(e.getMessage().getHeader(RocketMQConstants.BROKER_NAME))
                .isEqualTo("broker-a"));
        // the 4 queues in turn, 2 of them on broker-b: about half the sends wait an attempt there
        assertThat(millis).as("ms for %d sends", SENDS).isGreaterThanOrEqualTo((SENDS / 2 - 1) * ATTEMPT_MILLIS);
    }

    private static List<Exchange> sendWhileBrokerBHangs(String option) throws Exception {
        CamelContext context = brokers.camelContext();
        context.start();
        String uri = "rocketmq:" + TOPIC + "?sendTimeout=" + SEND_TIMEOUT_MILLIS + "&" + option;
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

    private static List<String> failed(List<Exchange> sent) {
        return sent.stream().filter(e -> e.getException() != null).map(e -> e.getException().toString()).toList();
    }
}

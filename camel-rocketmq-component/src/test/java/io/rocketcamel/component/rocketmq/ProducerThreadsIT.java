package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.saga.RocketMQSagaService;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer the component starts runs no thread for the client's automatic batching (RIP-27), which the component
 * never turns on. The RocketMQ 5.5.0 client gives every producer it starts a batch accumulator with two threads that
 * wake every 5 ms for as long as the producer lives, sending or not: in the examples app at rest, five producers' ten
 * such threads kept 0.18 of a core busy, more than a third of what the whole app used.
 */
class ProducerThreadsIT extends RocketMQITSupport {

    /** The accumulator's threads: {@code Client_<client id>_GuardForSyncSend} and {@code ..._GuardForAsyncSend}. */
    private static final String BATCHING_THREADS = "_GuardFor";

    @ParameterizedTest(name = "endpoint options [{0}]")
    @ValueSource(strings = {"", "&transactional=true"})
    void aProducerSendsWithoutTheClientsBatchingThreads(String options) throws Exception {
        String topic = topic("producer-threads", 2);
        Set<Thread> before = batchingThreads();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("rocketmq:" + topic + "?producerGroup=" + unique("producer-threads") + options);
            }
        });

        template.sendBody("direct:send", "sent without batching threads");

        assertThat(broker.awaitMessages(topic, 1, Duration.ofSeconds(30))).extracting(MessageExt::getBody)
                .extracting(RocketMQITSupport::text).containsExactly("sent without batching threads");
        assertThat(started(before)).as("batching threads started by a producer with options [%s]", options).isEmpty();
    }

    @Test
    void theSagaServiceWritesWithoutTheClientsBatchingThreads() throws Exception {
        String topic = topic("saga-threads", 2);
        broker.createTopic(topic + "-dlq", 1);
        Set<Thread> before = batchingThreads();
        RocketMQSagaService saga = new RocketMQSagaService();
        saga.setParticipant(unique("saga-threads"));
        saga.setTopic(topic);
        saga.setDeadLetterTopic(topic + "-dlq");
        CamelContext sagaContext = newContext();
        sagaContext.addService(saga);
        try {
            sagaContext.start();
            assertThat(started(before)).as("batching threads started by the saga service's producer").isEmpty();
        } finally {
            closeInBackground(sagaContext);
        }
    }

    private static Set<String> started(Set<Thread> before) {
        return batchingThreads().stream().filter(thread -> !before.contains(thread)).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static Set<Thread> batchingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().contains(BATCHING_THREADS))
                .collect(Collectors.toSet());
    }
}

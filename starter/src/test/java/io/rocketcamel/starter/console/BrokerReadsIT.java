package io.rocketcamel.starter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.starter.BrokerAdmin;
import io.rocketcamel.testsupport.TestNames;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console reads dead letters and transaction decisions through the broker's consume queue, which a broker answers
 * only up to the end of one consume-queue file: a read spanning two files must still return every message asked for.
 * Files of 10 entries here (RocketMQ's default is 300,000), so a few messages straddle them.
 */
class BrokerReadsIT {

    private static final int ENTRIES_PER_FILE = 10;

    private static EmbeddedRocketMQBroker broker;
    private static BrokerAdmin admin;
    private static RocketMQConfiguration configuration;

    @BeforeAll
    static void start() {
        broker = EmbeddedRocketMQBroker.builder()
                .brokerProperty("mappedFileSizeConsumeQueue", String.valueOf(ENTRIES_PER_FILE * 20)).start();
        admin = new BrokerAdmin();
        configuration = new RocketMQConfiguration();
        configuration.setNamesrvAddr(broker.getNamesrvAddr());
    }

    @AfterAll
    static void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void aReadSpanningConsumeQueueFilesReturnsEveryMessage() throws Exception {
        String topic = TestNames.unique("reads-span");
        broker.createTopic(topic, 1);
        List<String> sent = IntStream.range(0, 25).mapToObj(i -> "m" + i).toList();
        sent.forEach(body -> broker.send(topic, body));
        broker.awaitMessages(topic, sent.size(), Duration.ofSeconds(10));
        String address = broker.getBrokerAddr(broker.getBrokerNames().get(0));

        assertThat(bodies(BrokerReads.read(admin.client(configuration), address, topic, 0, 0, 25))).isEqualTo(sent);
        assertThat(bodies(BrokerReads.read(admin.client(configuration), address, topic, 0, 7, 23)))
                .isEqualTo(sent.subList(7, 23));
    }

    private static List<String> bodies(List<MessageExt> messages) {
        return messages.stream().map(message -> new String(message.getBody(), StandardCharsets.UTF_8)).toList();
    }
}

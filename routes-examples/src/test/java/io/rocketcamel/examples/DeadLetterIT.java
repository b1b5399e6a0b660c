package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.deadletter.DeadLetterRoutes;
import io.rocketcamel.examples.deadletter.DeadLetters;
import io.rocketcamel.examples.logcollection.LogCollectionRoutes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An event no route can process is acknowledged so that it blocks nothing; it was kept only in this instance's memory,
 * so a restart lost it. It is parked on the broker first, and a park the broker refuses makes the event come again.
 */
class DeadLetterIT extends ExamplesITSupport {

    @Autowired
    ProducerTemplate producer;
    @Autowired
    EmbeddedRocketMQBroker broker;

    @Test
    void aMalformedEventIsParkedOnTheBrokerBeforeItIsAcknowledgedAlsoWhenTheFirstParksAreRefused() {
        String key = "broken-" + UUID.randomUUID();
        String body = "{\"id\": \"" + key;
        // more than one send's own retries: the exchange fails at least once
        try (BrokerRefusals.Refusal refusal = BrokerRefusals.on(broker).refuse(6,
                send -> send.topic().equals(DeadLetterRoutes.TOPIC) && key.equals(send.keys()))) {
            producer.sendBodyAndHeaders("rocketmq:" + LogCollectionRoutes.TOPIC, body,
                    Map.of(RocketMQConstants.TAGS, "ERROR", RocketMQConstants.KEYS, key));

            // other cases park events there too
            MessageExt parked = await().atMost(Duration.ofSeconds(60))
                    .until(() -> broker.messages(DeadLetterRoutes.TOPIC).stream().filter(m -> key.equals(m.getKeys()))
                            .findFirst(), Optional::isPresent).orElseThrow();
            assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
            assertThat(parked.getTags()).startsWith("error-collector-");
            assertThat(parked.getUserProperty(DeadLetters.REASON_HEADER)).contains("Unexpected end-of-input");
            assertThat(parked.getUserProperty(DeadLetterRoutes.ORIGINAL_MESSAGE_ID)).isNotBlank();
            assertThat(refusal.refused()).as("parks the broker refused before it took one").isEqualTo(6);
        }
    }
}

package io.rocketcamel.component.rocketmq;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The test broker's level 2 is 2 s (see {@link RocketMQITSupport}).
 */
class DelayIT extends RocketMQITSupport {

    private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();

    private String consumedTopic() throws Exception {
        String topic = topic("delay", 4);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g"))
                        .process(e -> arrivedAt.put(text(e.getMessage().getBody()), System.currentTimeMillis()));
            }
        });
        template.sendBody("rocketmq:" + topic, "warm-up");
        await().atMost(seconds(10)).until(() -> arrivedAt.containsKey("warm-up"));
        return topic;
    }

    @Test
    void aDelayLevelMessageArrivesNoEarlierThanDueAndWithinASecondAfter() throws Exception {
        String topic = consumedTopic();
        long sentAt = System.currentTimeMillis();
        template.sendBody("rocketmq:" + topic + "?delayLevel=2", "level-2");

        await().atMost(seconds(10)).until(() -> arrivedAt.containsKey("level-2"));
        assertThat(arrivedAt.get("level-2") - sentAt).isBetween(2000L, 3000L);
    }

    @Test
    void aTimerMessageArrivesNoEarlierThanDueAndWithinASecondAfter() throws Exception {
        String topic = consumedTopic();
        long sentAt = System.currentTimeMillis();
        template.sendBody("rocketmq:" + topic + "?delay=1500", "timer-option");
        long dueAt = System.currentTimeMillis() + 2500;
        template.sendBodyAndHeader("rocketmq:" + topic, "timer-header", RocketMQConstants.DELIVER_TIME, dueAt);

        await().atMost(seconds(10)).until(() -> arrivedAt.containsKey("timer-option") && arrivedAt.containsKey("timer-header"));
        assertThat(arrivedAt.get("timer-option") - sentAt).isBetween(1500L, 2500L);
        assertThat(arrivedAt.get("timer-header") - dueAt).isBetween(0L, 1000L);
    }

    /**
     * maxDelay's default is the limit of a broker with the default timerMaxDelaySec: 3 days is stored, a second more
     * (allowed by a raised maxDelay, for a cluster configured higher) is what the broker refuses with CODE 13.
     */
    @Test
    void theDefaultMaxDelayIsTheBrokersTimerLimit() {
        String topic = topic("delay-limit", 1);
        template.sendBody("rocketmq:" + topic + "?delay=PT72H", "three days");
        assertThatThrownBy(() -> template.sendBody("rocketmq:" + topic + "?delay=PT72H1S&maxDelay=PT96H", "one second more"))
                .hasStackTraceContaining("CODE: 13").hasStackTraceContaining("max delay 259200000ms");
    }
}

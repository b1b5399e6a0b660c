package io.rocketcamel.component.rocketmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultMessage;
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
     * A list body of delayed tasks (Camel messages), each due at its own time: each arrives when it is due, none before
     * (a header of another message applied to it would make one early). The late side allows 2 s rather than the
     * single message's 1 s above: three messages of one send go through the timer and the consumer together, and a
     * clean-clone build (six test JVMs on 2 cores) delivered the timer one 1,568 ms after its due time.
     */
    @Test
    void eachMessageOfAListArrivesWhenItsOwnHeadersSayItIsDue() throws Exception {
        String topic = consumedTopic();
        long sentAt = System.currentTimeMillis();
        long dueAt = sentAt + 2500;
        List<org.apache.camel.Message> tasks = new ArrayList<>();
        tasks.add(task("now", null, null));
        tasks.add(task("timer-in-list", RocketMQConstants.DELIVER_TIME, dueAt));
        tasks.add(task("level-in-list", RocketMQConstants.OVERRIDE_DELAY_LEVEL, 2));

        template.sendBody("rocketmq:" + topic, tasks);

        await().atMost(seconds(10)).until(() -> arrivedAt.keySet().containsAll(List.of("now", "timer-in-list",
                "level-in-list")));
        assertThat(arrivedAt.get("now") - sentAt).isLessThan(1500L);
        assertThat(arrivedAt.get("timer-in-list") - dueAt).isBetween(0L, 2000L);
        assertThat(arrivedAt.get("level-in-list") - sentAt).isBetween(2000L, 4000L);
    }

    private org.apache.camel.Message task(String body, String header, Object value) {
        org.apache.camel.Message task = new DefaultMessage(context);
        task.setBody(body);
        if (header != null) {
            task.setHeader(header, value);
        }
        return task;
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

    /**
     * A deliver time further out than maxDelay: sent one-way, the broker's refusal went unseen and the message was
     * lost; in a list, the messages before it were stored and the exchange failed after them.
     */
    @Test
    void aDeliverTimeBeyondMaxDelayFailsBeforeAnythingIsSent() throws Exception {
        String topic = consumedTopic();
        long fourDays = System.currentTimeMillis() + Duration.ofDays(4).toMillis();
        assertThatThrownBy(() -> template.sendBodyAndHeader("rocketmq:" + topic + "?sendMode=ONEWAY", "one-way",
                RocketMQConstants.DELIVER_TIME, fourDays))
                .hasStackTraceContaining(RocketMQConstants.DELIVER_TIME).hasStackTraceContaining("maxDelay=PT72H");

        long dueAt = System.currentTimeMillis() + 2000;
        List<org.apache.camel.Message> tasks = List.of(task("due-soon", RocketMQConstants.DELIVER_TIME, dueAt),
                task("four-days", RocketMQConstants.DELIVER_TIME, fourDays));
        assertThatThrownBy(() -> template.sendBody("rocketmq:" + topic, tasks))
                .hasStackTraceContaining("maxDelay=PT72H");
        // a message due after the first of the list arrives; the first, had it been stored, would have come before
        template.sendBodyAndHeader("rocketmq:" + topic, "marker", RocketMQConstants.DELIVER_TIME, dueAt + 500);
        await().atMost(seconds(10)).until(() -> arrivedAt.containsKey("marker"));
        assertThat(arrivedAt).doesNotContainKeys("due-soon", "one-way", "four-days");
    }
}

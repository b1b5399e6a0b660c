package io.rocketcamel.component.rocketmq;

import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.rocketcamel.testsupport.CapturedLogs;
import io.rocketcamel.testsupport.TestClients;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A group switched back from consumeMode=POP: what it left in its POP retry topic is read only by POP consumers, so a
 * CONCURRENTLY route of the group never gets it. The route starts (the switch is the user's) and says so.
 */
class PopSwitchBackIT extends RocketMQITSupport {

    @Test
    void aConcurrentlyRouteOfAGroupThatLeftMessagesInItsPopRetryTopicWarnsNamingThem() throws Exception {
        String topic = topic("pop-switch", 1);
        String group = unique("g");
        String popRetryTopic = "%RETRY%" + group + "_" + topic;
        AtomicInteger attempts = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP")
                        .routeId("popper").process(e -> {
                            attempts.incrementAndGet();
                            throw new IllegalStateException("not yet");
                        });
            }
        });
        template.sendBody("rocketmq:" + topic, "stranded");
        await().atMost(seconds(30)).until(() -> attempts.get() == 1);
        context.getRouteController().stopRoute("popper");
        // the broker moves the message into the POP retry topic once its first POP retry delay (10 s) is over
        await().atMost(seconds(60)).until(() -> broker.messageCount(popRetryTopic) == 1);
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            DefaultMQProducer names = clients.producer();
            // the route asks the name server, which learns of the POP retry topic at the broker's next registration:
            // every 30 s on its own, now when asked
            BrokerController controller = broker.getBrokerController(broker.getBrokerNames().get(0));
            await().atMost(seconds(60)).pollInterval(seconds(1)).ignoreExceptions().until(() -> {
                controller.registerBrokerAll(true, false, true);
                return !names.fetchPublishMessageQueues(popRetryTopic).isEmpty();
            });
        }

        try (CapturedLogs logs = new CapturedLogs("io.rocketcamel")) {
            start(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:" + topic + "?consumerGroup=" + group).routeId("pusher").log("${body}");
                }
            });

            await().atMost(seconds(20)).untilAsserted(() -> assertThat(logs.messages(Level.WARN)).anySatisfy(m -> assertThat(m)
                    .contains("Route pusher: consumer group " + group + " has messages waiting in its POP retry topic(s)")
                    .contains(popRetryTopic).contains("run a consumeMode=POP route of the group")));
        }
    }
}

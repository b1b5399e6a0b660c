package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.junit.jupiter.api.Test;

/**
 * An ORDERLY queue that moves to a joining member while its owner is in a run longer than the broker's lock lifetime
 * (5 s on the embedded broker). The client stops renewing the lock of a queue it lost, so the new owner used to lock
 * it once the lock lapsed and run the message in progress and those behind it beside the run, finishing them first;
 * and the old owner, failing its run at its last attempt, dead-lettered a message the new owner processed.
 */
class OrderlyQueueMoveIT extends RocketMQITSupport {

    @Test
    void theNextOwnerWaitsForTheRunAndNothingIsDeadLetteredTwice() throws Exception {
        String topic = topic("orderly-move", 1);
        String group = unique("g-move");
        Group members = new Group(topic, "rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=ORDERLY"
                + "&consumeFromWhere=FIRST_OFFSET&maxReconsumeTimes=0&deadLetterUri=direct:parked", 8);
        members.ownerInItsSlowRun();
        template.sendBody("rocketmq:" + topic, "after-1");
        template.sendBody("rocketmq:" + topic, "after-2");
        // sorted first among the group's clients, the joining member gets the topic's one queue
        members.member("aa-joiner").start();

        await().atMost(seconds(60)).until(() -> members.events.contains("aa-joiner done after-2"));

        assertThat(members.events).as("events").doesNotContain("overlap").noneMatch(event -> event.contains("parked"))
                .containsSubsequence("zz-owner failed slow", "aa-joiner done slow", "aa-joiner done after-1",
                        "aa-joiner done after-2");
        assertThat(broker.messageCount("%DLQ%" + group)).isZero();
    }

    /**
     * The joiner leaves again while the owner's run goes on: the rebalance gives the queue back to the owner, whose
     * client keeps the dropped process queue of the run and created no new one, so nothing was pulled until its idle
     * clean-up, 120 s later.
     */
    @Test
    void aQueueGivenBackDuringTheRunIsConsumedOnAtOnce() throws Exception {
        String topic = topic("orderly-back", 1);
        Group members = new Group(topic, "rocketmq:" + topic + "?consumerGroup=" + unique("g-back")
                                         + "&consumeMode=ORDERLY&consumeFromWhere=FIRST_OFFSET", 12);
        CamelContext owner = members.ownerInItsSlowRun();
        CamelContext joiner = members.member("aa-joiner");
        joiner.start();
        var queues = ((RocketMQConsumer) owner.getRoute("zz-owner").getConsumer()).client()
                .getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable();
        await().atMost(seconds(10)).until(() -> queues.values().stream().allMatch(ProcessQueue::isDropped));
        joiner.stop();
        assertThat(members.events).as("the owner's run still goes on").doesNotContain("zz-owner failed slow");
        template.sendBody("rocketmq:" + topic, "later");

        await().atMost(seconds(40)).until(() -> members.events.contains("zz-owner done later"));

        assertThat(members.events).doesNotContain("overlap").noneMatch(event -> event.startsWith("aa-joiner"))
                .containsSubsequence("zz-owner failed slow", "zz-owner done slow", "zz-owner done later");
    }

    /**
     * Members of one ORDERLY group on a one-queue topic, recording what their routes do: the owner ("zz-owner") fails
     * its first run of "slow" after slowSeconds, longer than the embedded broker's 5 s lock lifetime.
     */
    private final class Group {

        final List<String> events = new CopyOnWriteArrayList<>();
        private final AtomicInteger inRun = new AtomicInteger();
        private final CountDownLatch slowStarted = new CountDownLatch(1);
        private final String topic;
        private final String uri;
        private final int slowSeconds;

        Group(String topic, String uri, int slowSeconds) {
            this.topic = topic;
            this.uri = uri;
            this.slowSeconds = slowSeconds;
        }

        /** The owner, started, once it has run "first" and is inside its run of "slow". */
        CamelContext ownerInItsSlowRun() throws Exception {
            CamelContext owner = member("zz-owner");
            owner.start();
            template.sendBody("rocketmq:" + topic, "first");
            await().atMost(seconds(30)).until(() -> events.contains("zz-owner done first"));
            template.sendBody("rocketmq:" + topic, "slow");
            assertThat(slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
            return owner;
        }

        CamelContext member(String name) throws Exception {
            CamelContext member = anotherContext();
            // the client id holds the context's name: the group's queues go to the clients in their sorted order
            member.getCamelContextExtension().setName(unique(name));
            member.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("direct:parked").process(e -> events.add(name + " parked " + text(e.getMessage().getBody())));
                    from(uri).routeId(name).process(e -> run(name, text(e.getMessage().getBody())));
                }
            });
            return member;
        }

        private void run(String name, String body) {
            if (inRun.incrementAndGet() > 1) {
                events.add("overlap");
            }
            try {
                if (body.equals("slow") && name.startsWith("zz") && slowStarted.getCount() > 0) {
                    slowStarted.countDown();
                    await().pollDelay(seconds(slowSeconds)).atMost(seconds(slowSeconds + 1)).until(() -> true);
                    events.add(name + " failed slow");
                    throw new IllegalStateException("the owner's downstream failed");
                }
                events.add(name + " done " + body);
            } finally {
                inRun.decrementAndGet();
            }
        }
    }
}

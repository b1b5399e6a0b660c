package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.store.PutMessageStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A timer message's send returns its recall handle; the RECALL operation withdraws the message before it is due.
 * The test broker runs with recallMessageEnable=true.
 */
class RecallIT extends RocketMQITSupport {

    @Test
    void aRecalledTimerMessageIsNeverDeliveredWhileOneSentWithItArrives() throws Exception {
        String topic = topic("recall", 1);
        List<String> received = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")).process(e -> received.add(text(e.getMessage().getBody())));
            }
        });
        Exchange plain = template.send("rocketmq:" + topic, e -> e.getMessage().setBody("now"));
        // the route takes its queue first: a first pull that came after the timer fired got "now" and "keep-me" at
        // once, and they ran on two of the route's threads in either order
        await().atMost(seconds(15)).until(() -> received.contains("now"));
        Exchange cancelled = template.send("rocketmq:" + topic + "?delay=2s", e -> e.getMessage().setBody("cancel-me"));
        Exchange kept = template.send("rocketmq:" + topic + "?delay=2s", e -> e.getMessage().setBody("keep-me"));
        String handle = cancelled.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE, String.class);
        assertThat(handle).isNotBlank();
        assertThat(kept.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE, String.class)).isNotBlank().isNotEqualTo(handle);
        assertThat(plain.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE)).isNull();

        Exchange recall = template.send("rocketmq:" + topic, e -> {
            e.getMessage().setHeader(RocketMQConstants.OPERATION, "RECALL");
            e.getMessage().setHeader(RocketMQConstants.RECALL_HANDLE, handle);
        });

        assertThat(recall.getException()).isNull();
        assertThat(recall.getMessage().getHeader(RocketMQConstants.MESSAGE_ID))
                .isEqualTo(cancelled.getMessage().getHeader(RocketMQConstants.MESSAGE_ID));
        await().atMost(seconds(15)).until(() -> received.contains("keep-me"));
        // both were due at the same time: had the recall failed, cancel-me would be here by now
        await().during(seconds(1)).atMost(seconds(2)).until(() -> !received.contains("cancel-me"));
        assertThat(received).containsExactly("now", "keep-me");
    }

    /**
     * A list of timer messages goes message by message (RocketMQ batches cannot be delayed): when one fails, those
     * before it are stored and will be delivered. The failed exchange names them, with their recall handles, so the
     * route can withdraw them before it sends the list again; it used to carry nothing, and they came twice.
     */
    @ParameterizedTest
    @ValueSource(strings = { "SYNC", "ASYNC" })
    void aDelayedListThatFailsPartWayNamesWhatWasStoredSoItCanBeRecalled(String sendMode) throws Exception {
        String topic = topic("recall-partial", 1);
        List<String> received = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")).process(e -> received.add(text(e.getMessage().getBody())));
            }
        });
        refuseStoring(m -> text(m.getBody()).equals("task-2"), PutMessageStatus.MESSAGE_ILLEGAL);

        Exchange failed = template.send("rocketmq:" + topic + "?delay=3s&sendMode=" + sendMode,
                e -> e.getMessage().setBody(List.of("task-0", "task-1", "task-2", "task-3")));

        assertThat(failed.getException()).isNotNull();
        assertThat(failed.getMessage().getHeader(RocketMQConstants.MESSAGE_ID, String.class)).as("ids of what was stored")
                .matches("[0-9A-F]+,[0-9A-F]+");
        String handles = failed.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE, String.class);
        assertThat(handles).as("recall handles of what was stored").isNotBlank();
        assertThat(handles.split(",")).hasSize(2);
        Exchange recall = template.send("rocketmq:" + topic, e -> {
            e.getMessage().setHeader(RocketMQConstants.OPERATION, "RECALL");
            e.getMessage().setHeader(RocketMQConstants.RECALL_HANDLE, handles);
        });
        assertThat(recall.getException()).isNull();

        template.sendBody("rocketmq:" + topic + "?delay=3s", "after");
        await().atMost(seconds(15)).until(() -> received.contains("after"));
        assertThat(received).containsExactly("after");
    }

    @Test
    void aRecallWithoutAUsableHandleFailsNamingTheHandle() throws Exception {
        String topic = topic("recall-bad", 1);
        String other = topic("recall-other", 1);
        Exchange timer = template.send("rocketmq:" + other + "?delay=1m", e -> e.getMessage().setBody("later"));
        String otherHandle = timer.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE, String.class);

        Exchange noHandle = template.send("rocketmq:" + topic,
                e -> e.getMessage().setHeader(RocketMQConstants.OPERATION, "RECALL"));
        Exchange garbage = template.send("rocketmq:" + topic, e -> {
            e.getMessage().setHeader(RocketMQConstants.OPERATION, "RECALL");
            e.getMessage().setHeader(RocketMQConstants.RECALL_HANDLE, "not-a-handle");
        });
        Exchange wrongTopic = template.send("rocketmq:" + topic, e -> {
            e.getMessage().setHeader(RocketMQConstants.OPERATION, "RECALL");
            e.getMessage().setHeader(RocketMQConstants.RECALL_HANDLE, otherHandle);
        });
        Exchange unknownOperation = template.send("rocketmq:" + topic,
                e -> e.getMessage().setHeader(RocketMQConstants.OPERATION, "DELETE"));

        assertThat(noHandle.getException()).hasMessageContaining("needs the recall handle in header CamelRocketMQRecallHandle");
        assertThat(garbage.getException()).hasMessageContaining("CamelRocketMQRecallHandle=not-a-handle is not a recall handle");
        assertThat(wrongTopic.getException()).hasMessageContaining("The recall handle is for topic " + other + ", not " + topic);
        assertThat(unknownOperation.getException()).hasMessageContaining("CamelRocketMQOperation=DELETE is not an operation");
        // the one recall that reaches the broker succeeds: the handles are what the broker gave out
        Exchange recalled = template.send("rocketmq:" + other, e -> {
            e.getMessage().setHeader(RocketMQConstants.OPERATION, "RECALL");
            e.getMessage().setHeader(RocketMQConstants.RECALL_HANDLE, otherHandle);
        });
        assertThat(recalled.getException()).isNull();
    }

    /**
     * A reschedule: recall the old timer message, then send its replacement on the same exchange. The operation header
     * stayed, and the second send recalled the old handle again (the broker accepts that) instead of storing anything.
     */
    @Test
    void aSendAfterARecallOnTheSameExchangeSends() throws Exception {
        String topic = topic("recall-reschedule", 1);
        List<String> received = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reschedule")
                        .setHeader(RocketMQConstants.OPERATION, constant("RECALL"))
                        .to("rocketmq:" + topic)
                        .setBody(constant("rescheduled"))
                        .to("rocketmq:" + topic + "?delay=1s");
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")).process(e -> received.add(text(e.getMessage().getBody())));
            }
        });
        Exchange first = template.send("rocketmq:" + topic + "?delay=3s", e -> e.getMessage().setBody("first"));
        String handle = first.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE, String.class);

        Exchange rescheduled = template.send("direct:reschedule",
                e -> e.getMessage().setHeader(RocketMQConstants.RECALL_HANDLE, handle));

        assertThat(rescheduled.getException()).isNull();
        assertThat(rescheduled.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE, String.class))
                .as("the replacement's handle").isNotEqualTo(handle);
        await().atMost(seconds(15)).until(() -> received.contains("rescheduled"));
        await().during(seconds(3)).atMost(seconds(4)).until(() -> !received.contains("first"));
        assertThat(received).containsExactly("rescheduled");
    }

    /**
     * The recall handle is the last send's, as its message id is: after a plain send on the same exchange, a RECALL
     * recalled the timer message sent before it, whose handle stayed, instead of failing for want of one.
     */
    @Test
    void aPlainSendAfterATimerMessageLeavesNoHandleOfTheTimerMessage() throws Exception {
        String topic = topic("recall-stale", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:both").to("rocketmq:" + topic + "?delay=60s").to("rocketmq:" + topic);
            }
        });

        Exchange sent = template.send("direct:both", e -> e.getMessage().setBody("twice"));

        assertThat(sent.getException()).isNull();
        assertThat(broker.awaitMessages(topic, 1, seconds(10))).singleElement().satisfies(plain -> assertThat(
                sent.getMessage().getHeader(RocketMQConstants.MESSAGE_ID)).isEqualTo(plain.getMsgId()));
        assertThat(sent.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE)).as("the timer message's handle").isNull();
    }

    /**
     * A one-way send confirms nothing and has no handle of its own; the timer message's handle stayed, and the
     * exchange's next RECALL withdrew that earlier message.
     */
    @Test
    void aOneWaySendAfterATimerMessageLeavesNoHandleOfTheTimerMessage() throws Exception {
        String topic = topic("recall-oneway", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:both").to("rocketmq:" + topic + "?delay=60s").to("rocketmq:" + topic + "?sendMode=ONEWAY");
            }
        });

        Exchange sent = template.send("direct:both", e -> e.getMessage().setBody("twice"));

        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getHeader(RocketMQConstants.RECALL_HANDLE)).as("the timer message's handle").isNull();
    }
}

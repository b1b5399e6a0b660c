package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.body.SetMessageRequestModeRequestBody;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * consumeMode=POP: what a consumer takes in runs once. It pops no more than its threads can start. A popped message
 * left waiting for a thread past popInvisibleTime is skipped by the client and revived by the broker as a redelivery:
 * the route saw it twice although each exchange was shorter than popInvisibleTime, and the wait counted as a failed
 * attempt.
 */
@Execution(ExecutionMode.CONCURRENT) // each case waits out invisible times, on topics and groups of its own
class PopIntakeIT extends RocketMQITSupport {

    /** Each exchange takes 2 s, well under popInvisibleTime (5 s, the least allowed); one thread. */
    private static final long WORK_MILLIS = 2_000;

    @Test
    void aMessageShorterThanPopInvisibleTimeIsProcessedOnceAtItsFirstAttempt() throws Exception {
        assertEachWaitingMessageRunsOnceAtItsFirstAttempt(topic("pop-intake", 1), unique("g"));
    }

    /**
     * The client's first rebalance comes a second after the client was created, whether or not the route has
     * switched its group to POP by then. A broker still answering PULL had the consumer pull: the pulled message
     * running when the switch dropped the pulled queue was popped again from the group's offset, which it had not
     * passed, and ran twice, both times at attempt 0. Here the broker answers the switch only once the group pulled
     * (or after 5 s).
     */
    @Test
    void aMessageSentBeforeASlowSwitchToPopIsProcessedOnceAtItsFirstAttempt() throws Exception {
        String group = unique("g");
        CountDownLatch pulled = new CountDownLatch(1);
        brokerController().registerServerRPCHook(new RPCHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                if (request.getCode() == RequestCode.SET_MESSAGE_REQUEST_MODE
                    && group.equals(switched(request).getConsumerGroup())) {
                    try {
                        pulled.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
                if (request.getCode() == RequestCode.PULL_MESSAGE
                    && group.equals(request.getExtFields().get("consumerGroup"))) {
                    pulled.countDown();
                }
            }
        });

        assertEachWaitingMessageRunsOnceAtItsFirstAttempt(topic("pop-slow-switch", 1), group);
    }

    /** Four messages wait on the broker when a POP route with one thread starts: one pop could take them all. */
    private void assertEachWaitingMessageRunsOnceAtItsFirstAttempt(String topic, String group) throws Exception {
        List<String> sent = IntStream.range(0, 4).mapToObj(i -> "job-" + i).toList();
        sent.forEach(body -> template.sendBody("rocketmq:" + topic, body));
        Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(popUri(topic, group, 16)).process(e -> {
                    attempts.computeIfAbsent(text(e.getMessage().getBody()), k -> new CopyOnWriteArrayList<>())
                            .add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class));
                }).delay(WORK_MILLIS).syncDelayed(); // the work, holding its consume thread
            }
        });

        await().atMost(seconds(30)).until(() -> attempts.keySet().containsAll(sent));
        // a message revived by the broker comes back popInvisibleTime after its pop, plus the revive scan: watched for
        // 8 s after the last one arrived
        try {
            await().during(seconds(8)).atMost(seconds(12))
                    .until(() -> attempts.values().stream().allMatch(a -> a.size() == 1));
        } catch (ConditionTimeoutException e) {
            // a message came back: the assertion below says which
        }
        assertThat(attempts).as("reconsume times of each message's attempts").hasSize(sent.size())
                .allSatisfy((body, times) -> assertThat(times).as(body).containsExactly(0));
    }

    /**
     * maxReconsumeTimes=1 allows one redelivery after a real failure. A message that waited out its invisible time in
     * the client's queue came back at attempt 1, and its first real failure dead-lettered it.
     */
    @Test
    void aMessageThatFailsOnceIsRedeliveredNotDeadLettered() throws Exception {
        String topic = topic("pop-intake-fail", 1);
        String group = unique("g");
        List<String> sent = IntStream.range(0, 4).mapToObj(i -> "job-" + i).toList();
        sent.forEach(body -> template.sendBody("rocketmq:" + topic, body));
        Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(popUri(topic, group, 1)).process(e -> attempts.computeIfAbsent(text(e.getMessage().getBody()),
                                k -> new CopyOnWriteArrayList<>())
                        .add(e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class)))
                        .delay(WORK_MILLIS).syncDelayed() // the work, holding its consume thread
                        .process(e -> {
                            if (attempts.get(text(e.getMessage().getBody())).size() == 1) {
                                throw new IllegalStateException("first attempt of " + text(e.getMessage().getBody())
                                                                + " fails");
                            }
                        });
            }
        });

        String deadLetters = "%DLQ%" + group;
        // a failure comes back after the POP retry delay of its attempt (10 s)
        await().atMost(seconds(45)).until(() -> !broker.messages(deadLetters, 0).isEmpty()
                                                || sent.stream().allMatch(b -> attempts.getOrDefault(b, List.of()).size() >= 2));
        assertThat(broker.messages(deadLetters, 0)).as("dead letters after one real failure each")
                .extracting(m -> text(m.getBody())).isEmpty();
        assertThat(attempts).as("reconsume times of each message's attempts").hasSize(sent.size())
                .allSatisfy((body, times) -> assertThat(times).as(body).containsExactly(0, 1));
    }

    private static SetMessageRequestModeRequestBody switched(RemotingCommand request) {
        return SetMessageRequestModeRequestBody.decode(request.getBody(), SetMessageRequestModeRequestBody.class);
    }

    private static String popUri(String topic, String group, int maxReconsumeTimes) {
        // popBatchSize left at its default (32)
        return "rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=POP&consumeThreadMin=1&consumeThreadMax=1"
               + "&popInvisibleTime=5s&consumeFromWhere=FIRST_OFFSET&maxReconsumeTimes=" + maxReconsumeTimes;
    }
}

package io.rocketcamel.component.rocketmq;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.rocketcamel.component.rocketmq.consumer.RocketMQConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A suspended route (Camel's suspendRoute, a route policy, the JMX operation) takes no message until it is resumed;
 * what arrives meanwhile is delivered after the resume, each message once.
 */
@Execution(ExecutionMode.CONCURRENT) // each case waits out a suspension on topics and groups of its own
class PauseResumeIT extends RocketMQITSupport {

    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    @Test
    void aSuspendedRouteTakesNothingAndResumesWithNothingLost() throws Exception {
        String topic = topic("pause", 2);
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")).routeId("paused")
                        .process(e -> received.computeIfAbsent(text(e.getMessage().getBody()), k -> new AtomicInteger())
                                .incrementAndGet());
            }
        });
        List<String> before = IntStream.range(0, 5).mapToObj(i -> "before-" + i).toList();
        before.forEach(body -> template.sendBody("rocketmq:" + topic, body));
        await().atMost(seconds(20)).until(() -> received.size() == before.size());

        context.getRouteController().suspendRoute("paused");
        assertThat(context.getRouteController().getRouteStatus("paused")).isEqualTo(ServiceStatus.Suspended);
        List<String> during = IntStream.range(0, 10).mapToObj(i -> "during-" + i).toList();
        during.forEach(body -> template.sendBody("rocketmq:" + topic, body));

        // the client's pulls in flight at the suspension (held by the broker for up to 15 s) answer with these
        await().during(seconds(3)).atMost(seconds(5)).until(() -> received.size() == before.size());

        context.getRouteController().resumeRoute("paused");
        await().atMost(seconds(20)).until(() -> received.size() == before.size() + during.size());
        assertThat(received.keySet()).containsAll(during);
        assertThat(received).allSatisfy((body, times) -> assertThat(times.get()).as(body).isEqualTo(1));
    }

    /**
     * A route suspended longer than the client lets a message run (CONCURRENTLY: consumeTimeout, whose check runs every
     * consumeTimeout; POP: popInvisibleTime) while one of its messages waits in the consumer for the resume: the client
     * sent it back (POP: the broker revived it), and the resume ran it besides. POP: the broker's revival counted an
     * attempt, so with maxReconsumeTimes=0 the message was dead-lettered without ever running; it goes back to the
     * group uncounted before its pop lapses, and runs once at the resume, at attempt 0.
     */
    @ParameterizedTest
    // popBatchSize=1: the client pops again as soon as a pop came back, so a pop is waiting at the broker when the
    // suspension comes (with the default, it waited until the message before was acknowledged)
    @ValueSource(strings = { "CONCURRENTLY&consumeTimeout=1m",
                             "POP&popInvisibleTime=5s&popBatchSize=1&maxReconsumeTimes=0" })
    void aMessageHeldThroughALongSuspensionRunsOnce(String mode) throws Exception {
        String topic = topic("heldlong", 1);
        String group = unique("g");
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        start(heldRoute(topic, group, mode, received));
        holdOne(context, topic, group, received);
        if (mode.startsWith("CONCURRENTLY")) {
            outlastConsumeTimeout(((RocketMQConsumer) context.getRoute("held").getConsumer()).client());
        } else {
            // twice popInvisibleTime: the broker revives a popped message that long unacknowledged
            await().during(seconds(10)).atMost(seconds(15)).until(() -> !received.containsKey("held"));
        }
        assertThat(received).as("nothing runs while the route is suspended").doesNotContainKey("held");

        context.getRouteController().resumeRoute("held");
        await().atMost(seconds(30)).until(() -> received.containsKey("held"));
        await("runs of the held message").during(seconds(20)).atMost(seconds(25))
                .until(() -> received.get("held").get(), times -> times == 1);
        assertThat(attempts.get("held")).as("attempts of the held message when it ran").isEqualTo(0);
        assertThat(broker.messages("%DLQ%" + group)).as("dead letters").isEmpty();
    }

    /**
     * A message held by a suspended route whose queue then moves to another member of the group (a new instance, a
     * rebalance): the other starts at the stored offset, which the held message never passed, and runs it; the resume
     * ran it here too. CONCURRENTLY: the queue moves while the route is suspended. ORDERLY: the suspended client keeps
     * the queue's broker lock, and gives the queue up at the resume, with the held message still in its listener.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CONCURRENTLY", "ORDERLY"})
    void aMessageHeldWhileItsQueueMovesToAnotherConsumerRunsOnce(String mode) throws Exception {
        String topic = topic("heldmoved", 1);
        String group = unique("g");
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        RouteBuilder counting = heldRoute(topic, group, mode, received);
        // RocketMQ gives a single queue to the group member whose client id sorts first: the instance that joins
        // later must sort first to take the queue over (client ids carry the CamelContext's name)
        CamelContext holder = namedContext("zz-holder");
        holder.addRoutes(counting);
        holder.start();
        holdOne(holder, topic, group, received);
        // the other member starts where the group's committed offset is: past "before" (committed every 5 s)
        await().atMost(seconds(15)).until(() -> broker.lag(group, topic) == 1);

        CamelContext taker = namedContext("aa-taker");
        taker.addRoutes(counting);
        taker.start();
        if (mode.equals("CONCURRENTLY")) {
            await("the new member runs the message the suspended one holds").atMost(seconds(30))
                    .until(() -> received.containsKey("held"));
        }
        holder.getRouteController().resumeRoute("held");
        // the queue's next message, which the new member runs after the held one (ORDERLY: in queue order)
        template.sendBody("rocketmq:" + topic, "after");

        await("the queue's next message").atMost(seconds(90)).until(() -> received.containsKey("after"));
        await("runs of the held message").during(seconds(3)).atMost(seconds(5))
                .until(() -> received.get("held").get(), times -> times == 1);
        assertThat(received.get("before")).hasValue(1);
    }

    /** Route "held" of the group, from the topic's first message, counting each body's runs (and its last attempt). */
    private RouteBuilder heldRoute(String topic, String group, String mode, Map<String, AtomicInteger> received) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeFromWhere=FIRST_OFFSET&consumeMode=" + mode)
                        .routeId("held")
                        .process(e -> attempts.put(text(e.getMessage().getBody()),
                                e.getMessage().getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class)))
                        .process(e -> received.computeIfAbsent(text(e.getMessage().getBody()), k -> new AtomicInteger())
                                .incrementAndGet());
            }
        };
    }

    /**
     * The client sends a message back as expired once consumeTimeout (1 min, its least) passed since the listener got
     * it, in a check its scheduler runs once per consumeTimeout. Rather than a minute's wait, the held messages'
     * consume start is set back past consumeTimeout, as if held that long, and the check runs once the route stamped
     * them anew (before the fix, nothing did: the check sent the held message back, and the copy ran beside it at the
     * resume).
     */
    private static void outlastConsumeTimeout(DefaultMQPushConsumer client) {
        long consumeTimeoutMillis = TimeUnit.MINUTES.toMillis(client.getConsumeTimeout());
        Collection<ProcessQueue> queues = client.getDefaultMQPushConsumerImpl().getRebalanceImpl()
                .getProcessQueueTable().values();
        Supplier<List<MessageExt>> held = () -> queues.stream().flatMap(q -> q.getMsgTreeMap().values().stream())
                .toList();
        String longAgo = String.valueOf(System.currentTimeMillis() - 2 * consumeTimeoutMillis);
        assertThat(held.get()).as("held messages").isNotEmpty()
                .allSatisfy(message -> MessageAccessor.setConsumeStartTimeStamp(message, longAgo));

        await("the held messages' consume started anew").atMost(seconds(20)).until(() -> held.get().stream()
                .allMatch(m -> System.currentTimeMillis() - Long.parseLong(MessageAccessor.getConsumeStartTimeStamp(m))
                        < consumeTimeoutMillis));
        queues.forEach(queue -> queue.cleanExpiredMsg(client));
    }

    /**
     * Once route "held" of {@code owner} ran the topic's message "before", suspends it and sends "held", which the pull
     * (pop) in flight at the suspension hands to the consumer, which holds it until the resume.
     */
    private void holdOne(CamelContext owner, String topic, String group, Map<String, AtomicInteger> received)
            throws Exception {
        template.sendBody("rocketmq:" + topic, "before");
        await().atMost(seconds(30)).until(() -> received.containsKey("before"));
        owner.getRouteController().suspendRoute("held");
        template.sendBody("rocketmq:" + topic, "held");
        await().atMost(seconds(30)).until(() -> deliveredByBroker(topic, group) == 2);
    }

    private CamelContext namedContext(String prefix) {
        CamelContext named = anotherContext();
        named.getCamelContextExtension().setName(unique(prefix));
        return named;
    }

    /**
     * A stop that times out and aborts leaves the route started: Camel suspended its consumer for the stop and then
     * starts it again. A second client then joined the group beside the suspended one, which kept its queues (in
     * ORDERLY, their locks) without ever pulling them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CONCURRENTLY", "ORDERLY"})
    void aStopAbortedAfterItsTimeoutLeavesOneClientConsumingEveryQueue(String mode) throws Exception {
        String topic = topic("abort", 4);
        String group = unique("g");
        CountDownLatch release = new CountDownLatch(1);
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        startBlockedRoute("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=" + mode, "aborted", topic,
                release, received);

        boolean stopped = context.getRouteController().stopRoute("aborted", 1, TimeUnit.SECONDS, true);
        release.countDown();
        assertThat(stopped).as("the stop timed out and was aborted").isFalse();
        assertThat(context.getRouteController().getRouteStatus("aborted")).isEqualTo(ServiceStatus.Started);

        List<String> after = IntStream.range(0, 40).mapToObj(i -> "after-" + i).toList();
        after.forEach(body -> template.sendBody("rocketmq:" + topic, body));
        await().atMost(seconds(30)).until(() -> received.keySet().containsAll(after));
        assertThat(brokerController().getConsumerManager().getConsumerGroupInfo(group).getAllChannel())
                .as("clients of the group").hasSize(1);
    }

    /**
     * A suspension whose exchanges outlast its timeout: Camel stops the consumer (shutdownNowOnTimeout) and leaves the
     * route unable to run an exchange (its error handler refuses each, RejectedExecutionException) until it is stopped
     * and started again; its resume does not undo that. Nothing is lost on the way: the message in flight and those
     * sent meanwhile are consumed once the route is started again, none dead-lettered (found by an outside audit).
     */
    @ParameterizedTest
    @ValueSource(strings = {"CONCURRENTLY", "ORDERLY", "POP&popInvisibleTime=5s"})
    void aSuspensionThatTimedOutLosesNothingOnceTheRouteIsStartedAgain(String mode) throws Exception {
        String topic = topic("suspend-timeout", 2);
        String group = unique("g");
        CountDownLatch release = new CountDownLatch(1);
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        startBlockedRoute("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=" + mode, "suspended", topic,
                release, received);
        RocketMQConsumer consumer = (RocketMQConsumer) context.getRoute("suspended").getConsumer();
        CompletableFuture<Void> releasing = CompletableFuture.runAsync(() -> {
            // the exchange ends once Camel, past the suspension's timeout, stops the consumer
            await().atMost(seconds(20)).until(consumer::isStoppingOrStopped);
            release.countDown();
        });

        context.getRouteController().suspendRoute("suspended", 1, TimeUnit.SECONDS);
        releasing.get(30, TimeUnit.SECONDS);
        context.getRouteController().resumeRoute("suspended");
        assertThat(context.getRouteController().getRouteStatus("suspended")).isEqualTo(ServiceStatus.Started);
        HealthCheck.Result stuck = consumerHealth("suspended");
        assertThat(stuck.getState()).as("a route that reads Started and consumes nothing")
                .isEqualTo(HealthCheck.State.DOWN);
        assertThat(stuck.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("stop and start the route"));
        List<String> after = IntStream.range(0, 10).mapToObj(i -> "after-" + i).toList();
        after.forEach(body -> template.sendBody("rocketmq:" + topic, body));
        context.getRouteController().stopRoute("suspended");
        context.getRouteController().startRoute("suspended");

        await().atMost(seconds(40)).until(() -> received.keySet().containsAll(after) && received.containsKey("block"));
        assertThat(broker.messageCount("%DLQ%" + group)).as("dead letters").isZero();
        assertThat(consumerHealth("suspended").getState()).isEqualTo(HealthCheck.State.UP);
    }

    private HealthCheck.Result consumerHealth(String routeId) {
        // "full": by default Camel returns only the first check when all are up
        return HealthCheckHelper.invoke(context, "full").stream()
                .filter(r -> r.getCheck().getId().equals("consumer:" + routeId)).findFirst().orElseThrow();
    }

    /** Starts the route and sends "block", which it holds until released; returns once the route holds it. */
    private void startBlockedRoute(String uri, String routeId, String topic, CountDownLatch release,
                                   Map<String, AtomicInteger> received) throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(e -> {
                    String body = text(e.getMessage().getBody());
                    if (body.equals("block")) {
                        blocking.countDown();
                        release.await(30, TimeUnit.SECONDS);
                    }
                    received.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
                });
            }
        });
        template.sendBody("rocketmq:" + topic, "block");
        assertThat(blocking.await(20, TimeUnit.SECONDS)).isTrue();
    }
}

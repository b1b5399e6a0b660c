package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.producer.RequestFutureHolder;
import org.apache.rocketmq.common.MixAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RequestReplyIT extends RocketMQITSupport {

    /**
     * The reply replaces the exchange's message, as with camel-jms and the replyToTopic path: the request's headers
     * stayed beside the reply's, and one meant for the request's send (its order key) went on to the route's next send
     * (found by an outside audit; failed first here).
     */
    @Test
    void anInOutExchangeGetsTheConsumerRoutesResultAsReply() throws Exception {
        String topic = topic("rpc", 2);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g"))
                        .removeHeader("asked")
                        .setHeader("answeredBy", constant("pricing"))
                        .transform(simple("price of ${bodyAs(String)} is 42"));
            }
        });

        Exchange reply = template.request("rocketmq:" + topic + "?requestTimeout=10s", e -> {
            e.setPattern(ExchangePattern.InOut);
            e.getMessage().setBody("apple");
            e.getMessage().setHeader("asked", "yes");
            e.getMessage().setHeader(RocketMQConstants.ORDER_KEY, "customer-7");
        });

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(String.class)).isEqualTo("price of apple is 42");
        assertThat(reply.getMessage().getHeader("answeredBy")).isEqualTo("pricing");
        assertThat(reply.getMessage().getHeaders()).doesNotContainKeys("asked", RocketMQConstants.ORDER_KEY);
    }

    @Test
    void aRouteThatAnswersWithAnEmptyBodyRepliesWithAnEmptyBody() throws Exception {
        String topic = topic("rpc-empty", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // a command with nothing to return; RocketMQ refuses a message without a body
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g")).setHeader("done", constant("yes"))
                        .choice().when(body().isEqualTo("nothing")).setBody(constant(""))
                        .otherwise().setBody(constant((Object) null));
            }
        });

        for (String request : List.of("nothing", "null")) {
            Exchange reply = template.request("rocketmq:" + topic + "?requestTimeout=20s",
                    e -> e.getMessage().setBody(request));

            assertThat(reply.getException()).as(request).isNull();
            assertThat(reply.getMessage().getBody(String.class)).as(request).isEmpty();
            assertThat(reply.getMessage().getHeader("done")).as(request).isEqualTo("yes");
        }
    }

    @Test
    void aRequestDeliveredAfterItsRequestTimeoutIsRefusedBeforeItIsSent() throws Exception {
        String topic = topic("rpc-late", 1);
        List<String> answered = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g"))
                        .process(e -> answered.add(e.getMessage().getBody(String.class)));
            }
        });

        Requester byOption = startRequester("rocketmq:" + topic + "?requestTimeout=2s&delay=5s", "by option");
        Requester byHeader = startRequester("rocketmq:" + topic + "?requestTimeout=2s", "by header");
        byHeader.request().getMessage().setHeader(RocketMQConstants.DELIVER_TIME, System.currentTimeMillis() + 60_000);
        byOption.handOver();
        byHeader.handOver();

        await().atMost(seconds(10)).until(() -> !byOption.completedAt().isEmpty() && !byHeader.completedAt().isEmpty());
        assertThat(byOption.request().getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("delay=5000", "requestTimeout=2000");
        assertThat(byHeader.request().getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(RocketMQConstants.DELIVER_TIME, "requestTimeout=2000");
        for (Requester refused : List.of(byOption, byHeader)) {
            assertThat((refused.completedAt().get(0) - refused.handedOver()) / 1_000_000)
                    .as("refused before waiting for a reply").isLessThan(2000);
            refused.producer().stop();
        }
        assertThat(broker.messageCount(topic)).isZero();
    }

    /**
     * The client's own scan of expired requests starts 3 s after its first producer and then runs once a second, so
     * it fails a request up to a second late, or more on a fresh producer: the producer keeps the time itself. Three
     * timeouts a third of a second apart, handed over together: were they failed by a scan once a second, one of them
     * would wait at least two thirds of a second too long.
     */
    @Test
    void aRequestWithoutReplyFailsWithExchangeTimedOutExceptionOnceItsRequestTimeoutPassed() throws Exception {
        String topic = topic("no-reply", 2);
        List<Long> timeouts = List.of(1000L, 1333L, 1666L);
        List<Requester> requesters = new ArrayList<>();
        for (long timeout : timeouts) {
            requesters.add(startRequester("rocketmq:" + topic + "?requestTimeout=" + timeout, "anyone?"));
        }
        requesters.forEach(Requester::handOver);

        await().atMost(seconds(10)).until(() -> requesters.stream().allMatch(r -> !r.completedAt().isEmpty()));
        for (int i = 0; i < timeouts.size(); i++) {
            Requester requester = requesters.get(i);
            long waitedMillis = (requester.completedAt().get(0) - requester.handedOver()) / 1_000_000;
            assertThat(requester.request().getException()).isInstanceOf(ExchangeTimedOutException.class)
                    .hasMessageContaining("requestTimeout=" + timeouts.get(i) + "ms").hasMessageContaining(topic)
                    // the trap of an exchange InOut without the route choosing it (platform-http, requestBody)
                    .hasMessageContainingAll("The request was stored (message id ", "ExchangePattern.InOnly");
            assertThat(waitedMillis).as("requestTimeout=%d", timeouts.get(i))
                    .isBetween(timeouts.get(i), timeouts.get(i) + 500);
            requester.producer().stop();
            assertThat(requester.completedAt()).hasSize(1);
        }
    }

    /**
     * Camel's scheduled executors hold 1,000 tasks by default, and each waiting request holds one timeout: more
     * requests waiting at once must each time out, not be refused for want of room.
     */
    @ParameterizedTest(name = "replyToTopic={0}")
    @ValueSource(booleans = {false, true})
    void moreRequestsWaitingAtOnceThanATimerHoldsByDefaultEachTimeOut(boolean replyToTopic) throws Exception {
        String uri = requestUri("many-waiting", "6s", replyToTopic);
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        producer.start();
        int requests = 1_050;
        List<Exchange> completed = new CopyOnWriteArrayList<>();
        for (int i = 0; i < requests; i++) {
            Exchange request = producer.getEndpoint().createExchange(ExchangePattern.InOut);
            request.getMessage().setBody("request " + i);
            producer.process(request, doneSync -> completed.add(request));
        }

        await().atMost(seconds(30)).until(() -> completed.size() >= requests);
        assertThat(completed).hasSize(requests).allSatisfy(request -> assertThat(request.getException())
                .isInstanceOf(ExchangeTimedOutException.class).hasMessageContaining("requestTimeout=6000ms"));
        producer.stop();
    }

    /**
     * The broker pushes a RIP-16 reply to the requester's client, and stores it and answers the replier's send only
     * once the client took it: the requester's route must not go on inside that push. Here the step after the reply
     * waits for the stored reply; the replier's send of the reply must not time out meanwhile.
     */
    @Test
    void theRequestersRouteGoesOnOnceItsClientTookTheReply() throws Exception {
        String topic = topic("rpc-push", 1);
        String replies = MixAll.getReplyTopic(brokerController().getBrokerConfig().getBrokerClusterName());
        long storedBefore = broker.messageCount(replies);
        List<Exchange> replierFailures = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:replier-failed").process(e -> replierFailures.add(e.copy()));
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&bridgeErrorHandler=true")
                        .errorHandler(deadLetterChannel("direct:replier-failed"))
                        .transform(simple("price of ${bodyAs(String)} is 42"));
                from("direct:ask").to(ExchangePattern.InOut, "rocketmq:" + topic + "?requestTimeout=20s")
                        .process(e -> await().atMost(seconds(8)).until(() -> broker.messageCount(replies) > storedBefore));
            }
        });

        Exchange reply = template.request("direct:ask", e -> e.getMessage().setBody("apple"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(String.class)).isEqualTo("price of apple is 42");
        assertThat(replierFailures).isEmpty();
    }

    /**
     * Every request's timeout waits on one timer thread: a route that goes on slowly after its timeout must not hold
     * the timeouts of the others. Each route here waits until all three requests timed out.
     */
    @ParameterizedTest(name = "replyToTopic={0}")
    @ValueSource(booleans = {false, true})
    void aRouteGoingOnAfterItsTimeoutHoldsNoOtherRequestsTimeout(boolean replyToTopic) throws Exception {
        String uri = requestUri("slow-after-timeout", "1s", replyToTopic);
        int requests = 3;
        CountDownLatch timedOut = new CountDownLatch(requests);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").doTry().to(ExchangePattern.InOut, uri)
                        .doCatch(ExchangeTimedOutException.class).process(e -> {
                            timedOut.countDown();
                            if (!timedOut.await(5, TimeUnit.SECONDS)) {
                                throw new IllegalStateException(timedOut.getCount() + " requests still not timed out");
                            }
                            e.getMessage().setBody("gave up");
                        }).end();
            }
        });

        List<CompletableFuture<Exchange>> asked = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            asked.add(template.asyncSend("direct:ask", e -> e.getMessage().setBody("anyone?")));
        }

        for (CompletableFuture<Exchange> answer : asked) {
            Exchange done = answer.get(20, TimeUnit.SECONDS);
            assertThat(done.getException()).isNull();
            assertThat(done.getMessage().getBody(String.class)).isEqualTo("gave up");
        }
    }

    @Test
    void withBridgeErrorHandlerAReplyThatCannotBeSentGoesToTheRoutesErrorHandler() throws Exception {
        String topic = topic("bridged", 2);
        List<Exchange> deadLetters = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:dead"));
                from("direct:dead").process(e -> deadLetters.add(e.copy()));
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&bridgeErrorHandler=true&maxMessageSize=1000")
                        .setBody(constant(new byte[1001]));
            }
        });

        Exchange reply = template.request("rocketmq:" + topic + "?requestTimeout=2s", e -> e.getMessage().setBody("big?"));

        assertThat(reply.getException()).isInstanceOf(ExchangeTimedOutException.class);
        await().atMost(seconds(10)).until(() -> !deadLetters.isEmpty());
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                    .hasMessageContaining("1001 bytes, more than maxMessageSize=1000");
            assertThat(dead.getMessage().getHeader(RocketMQConstants.TOPIC)).isEqualTo(topic);
        });
    }

    /**
     * transferException: the replier's failure is the requester's answer, at once, and the request is acknowledged
     * (the requester decides whether to ask again). Without it the requester learnt only that no reply came, a
     * requestTimeout later, while the request was redelivered to the failing route.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CONCURRENTLY", "ORDERLY"})
    void withTransferExceptionTheRepliersFailureFailsTheRequestAtOnce(String mode) throws Exception {
        String topic = topic("failing-replier", 1);
        String group = unique("g");
        AtomicInteger runs = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=" + mode
                     + "&transferException=true").process(e -> {
                            runs.incrementAndGet();
                            throw new IllegalStateException("order o-7 is out of stock");
                        });
                // as the docs' example handles it
                from("direct:order")
                        .onException(RocketMQReplyException.class).handled(true).setBody(exceptionMessage()).end()
                        .to(ExchangePattern.InOut, "rocketmq:" + topic + "?requestTimeout=20s");
            }
        });

        long asked = System.nanoTime();
        Exchange reply = template.request("rocketmq:" + topic + "?requestTimeout=20s",
                e -> e.getMessage().setBody("o-7"));

        assertThat((System.nanoTime() - asked) / 1_000_000).as("ms until the failure came back").isLessThan(10_000);
        assertThat(reply.getException()).isInstanceOf(RocketMQReplyException.class)
                .hasMessageContainingAll(topic, "java.lang.IllegalStateException", "order o-7 is out of stock");
        RocketMQReplyException failure = (RocketMQReplyException) reply.getException();
        assertThat(failure.getReplierExceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failure.getReplierMessage()).isEqualTo("order o-7 is out of stock");
        await().atMost(seconds(20)).until(() -> broker.lag(group, topic) == 0);
        assertThat(runs).as("the request is not redelivered").hasValue(1);
        assertThat(template.requestBody("direct:order", "o-7", String.class)).contains("order o-7 is out of stock");
        assertThat(runs).hasValue(2);
    }

    /**
     * A requester that stopped before its reply: the broker finds no connection to push the reply to, answers the
     * replier's send with a system error, and stores the reply anyway; the client's retries of that answer stored it
     * three times, for no one, and took three round trips to give up.
     */
    @Test
    void aReplyToARequesterThatStoppedIsStoredOnce() throws Exception {
        String topic = topic("gone-requester", 1);
        String answer = unique("late answer");
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch requesterGone = new CountDownLatch(1);
        List<Exchange> unsent = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:unsent"));
                from("direct:unsent").process(e -> unsent.add(e.copy()));
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&bridgeErrorHandler=true")
                        .process(e -> {
                            received.countDown();
                            requesterGone.await(30, TimeUnit.SECONDS);
                        }).setBody(constant(answer));
            }
        });
        Requester requester = requestWithoutWaiting("rocketmq:" + topic + "?requestTimeout=30s", "anyone there?");
        assertThat(received.await(20, TimeUnit.SECONDS)).as("request received").isTrue();
        requester.producer().stop();
        requesterGone.countDown();

        await().atMost(seconds(20)).until(() -> !unsent.isEmpty());
        String replyTopic = broker.getBrokerController(broker.getBrokerNames().get(0)).getBrokerConfig()
                .getBrokerClusterName() + "_" + MixAll.REPLY_TOPIC_POSTFIX;
        assertThat(broker.messages(replyTopic)).filteredOn(m -> answer.equals(new String(m.getBody(), UTF_8)))
                .as("replies stored").hasSize(1);
    }

    @Test
    void pendingRequestsFailAtOnceWhenTheProducerStops() throws Exception {
        String topic = topic("stopping-requester", 2);
        Set<String> registeredBefore = clientsRequests();
        Requester requester = requestWithoutWaiting("rocketmq:" + topic + "?requestTimeout=60s", "nobody answers");

        long stopping = System.nanoTime();
        requester.producer().stop();

        await().atMost(seconds(10)).until(() -> requester.completions().size() == 1);
        assertThat((System.nanoTime() - stopping) / 1_000_000).isLessThan(10_000);
        assertThat(requester.request().getException()).hasMessageContaining("stopped").hasMessageContaining(topic);
        assertThat(clientsRequests()).as("the client's registered requests").isSubsetOf(registeredBefore);
    }

    /**
     * The client registers a request, holding its exchange, before it looks for the topic's route, and keeps it after
     * refusing it until its scan finds it expired: a requestTimeout later, or never once its last producer stopped.
     */
    @Test
    void aRequestRefusedForWantOfARouteLeavesNothingRegisteredInTheClient() throws Exception {
        try (EmbeddedRocketMQBroker strict = EmbeddedRocketMQBroker.builder()
                .brokerProperty("autoCreateTopicEnable", "false").start()) {
            CamelContext strictContext = newContext(strict);
            strictContext.start();
            try {
                Set<String> registeredBefore = clientsRequests();
                String missing = unique("no-route-request");

                Exchange refused = strictContext.createProducerTemplate().request("rocketmq:" + missing
                        + "?requestTimeout=10m", e -> e.getMessage().setBody("anyone?"));

                assertThat(refused.getException()).hasStackTraceContaining("No route info");
                assertThat(clientsRequests()).as("the client's registered requests").isSubsetOf(registeredBefore);
            } finally {
                strictContext.stop();
            }
        }
    }

    /** An endpoint sending requests to a new topic nobody answers, with Apache's replyToTopic or RocketMQ's own. */
    private String requestUri(String name, String requestTimeout, boolean replyToTopic) {
        return "rocketmq:" + topic(name, 2) + "?requestTimeout=" + requestTimeout + (replyToTopic
                ? "&replyToTopic=" + topic(name + "-replies", 1) + "&replyToConsumerGroup=" + unique("replies")
                : "");
    }

    /** The correlation ids of the requests the RocketMQ client of this JVM holds, waiting for their reply. */
    private static Set<String> clientsRequests() {
        return Set.copyOf(RequestFutureHolder.getInstance().getRequestFutureTable().keySet());
    }

    /**
     * The 5.5 client registers a request's future before it checks the message; when it refused the message (an empty
     * body) the future stayed, and its scan of expired requests called back a requestTimeout later. An empty body is
     * now refused before the client sees it; the exchange still completes once.
     */
    @Test
    void aRequestTheClientRefusesFailsItsExchangeOnceWithTheRefusal() throws Exception {
        String topic = topic("refused-request", 2);
        Requester requester = requestWithoutWaiting("rocketmq:" + topic + "?requestTimeout=1s", "");
        List<Exception> completions = requester.completions();

        await().atMost(seconds(10)).until(() -> !completions.isEmpty());
        // the client scans its requests every second: a second completion would come within 2 s of the timeout
        await().during(seconds(3)).atMost(seconds(5)).untilAsserted(() -> assertThat(completions).hasSize(1));
        assertThat(completions.get(0)).hasStackTraceContaining("The message body is empty");
        assertThat(requester.request().getException()).isSameAs(completions.get(0));
        requester.producer().stop();
    }

    /** A started producer, the InOut exchange it is handed, and the exception (null: success) of each completion. */
    private static final class Requester {

        private final AsyncProducer producer;
        private final Exchange request;
        private final List<Exception> completions = new CopyOnWriteArrayList<>();
        private final List<Long> completedAt = new CopyOnWriteArrayList<>();
        private long handedOver;

        private Requester(AsyncProducer producer, Exchange request) {
            this.producer = producer;
            this.request = request;
        }

        void handOver() {
            handedOver = System.nanoTime();
            producer.process(request, doneSync -> {
                completedAt.add(System.nanoTime());
                completions.add(request.getException());
            });
        }

        AsyncProducer producer() {
            return producer;
        }

        Exchange request() {
            return request;
        }

        List<Exception> completions() {
            return completions;
        }

        /** nanoTime of each completion. */
        List<Long> completedAt() {
            return completedAt;
        }

        /** nanoTime of the hand-over. */
        long handedOver() {
            return handedOver;
        }
    }

    private Requester requestWithoutWaiting(String uri, String body) throws Exception {
        Requester requester = startRequester(uri, body);
        requester.handOver();
        return requester;
    }

    private Requester startRequester(String uri, String body) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        producer.start();
        Exchange request = producer.getEndpoint().createExchange(ExchangePattern.InOut);
        request.getMessage().setBody(body);
        return new Requester(producer, request);
    }

    /**
     * manualAck: the route acknowledged the request and then failed. The request is not redelivered (the route's
     * decision wins), and the failed exchange's message (here the request's own body) is no answer: it was sent as one.
     */
    @Test
    void aRequestAcknowledgedByARouteThatThenFailedGetsNoReply() throws Exception {
        String topic = topic("rpc-acked-failed", 1);
        List<String> attempts = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g") + "&manualAck=true")
                        .process(e -> attempts.add(e.getMessage().getBody(String.class)))
                        .process(e -> e.getMessage().getHeader(RocketMQConstants.ACKNOWLEDGEMENT,
                                RocketMQAcknowledgement.class).ack())
                        .process(e -> {
                            throw new IllegalStateException("pricing is down");
                        });
            }
        });

        // the consumer takes its queue first: a new group's start outlasted the request's 3 s on a loaded machine
        template.sendBody("rocketmq:" + topic, "warm-up");
        await().atMost(seconds(30)).until(() -> attempts.contains("warm-up"));

        Exchange reply = template.request("rocketmq:" + topic + "?requestTimeout=3s", e -> e.getMessage().setBody("apple"));

        assertThat(reply.getException()).as("no reply: the route failed").isInstanceOf(ExchangeTimedOutException.class);
        assertThat(attempts).containsExactly("warm-up", "apple");
    }

    /**
     * A request whose route failed came back after its requester had given up (RocketMQ's default redelivery delay is
     * the default requestTimeout) and ran again: the work done twice, the reply sent to no one. A request past its
     * requestTimeout (the TTL the requester's client stores in it) is not run; it is acknowledged (found by an outside
     * audit; failed first here: "charge" ran twice).
     */
    @ParameterizedTest
    @ValueSource(strings = {"CONCURRENTLY&retryDelayLevel=2", "ORDERLY&suspendTime=2s"})
    void aRequestPastItsRequestTimeoutIsNotRun(String mode) throws Exception {
        String topic = topic("rpc-expired", 1);
        String group = unique("g");
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + group + "&consumeMode=" + mode).process(e -> {
                    String body = e.getMessage().getBody(String.class);
                    if (runs.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet() == 1
                        && !body.equals("warm-up")) {
                        throw new IllegalStateException("payment gateway busy");
                    }
                });
            }
        });
        template.sendBody("rocketmq:" + topic, "warm-up");
        await().atMost(seconds(30)).until(() -> runs.containsKey("warm-up"));

        Exchange reply = template.request("rocketmq:" + topic + "?requestTimeout=1s",
                e -> e.getMessage().setBody("charge"));
        // redelivered after the request (the same delay level's queue; ORDERLY: the same queue, behind it)
        template.sendBody("rocketmq:" + topic, "after");

        assertThat(reply.getException()).isInstanceOf(ExchangeTimedOutException.class);
        String settled = mode.startsWith("ORDERLY") ? topic : MixAll.getRetryTopic(group);
        await().atMost(seconds(40)).until(() -> runs.containsKey("after") && runs.get("after").get() == 2
                                                && broker.lag(group, settled) == 0);
        assertThat(runs.get("charge")).as("runs of the request").hasValue(1);
    }
}

package io.rocketcamel.component.rocketmq;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RequestReplyIT extends RocketMQITSupport {

    @Test
    void anInOutExchangeGetsTheConsumerRoutesResultAsReply() throws Exception {
        String topic = topic("rpc", 2);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("rocketmq:" + topic + "?consumerGroup=" + unique("g"))
                        .setHeader("answeredBy", constant("pricing"))
                        .transform(simple("price of ${bodyAs(String)} is 42"));
            }
        });

        Exchange reply = template.request("rocketmq:" + topic + "?requestTimeout=10s", e -> {
            e.setPattern(ExchangePattern.InOut);
            e.getMessage().setBody("apple");
        });

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getBody(String.class)).isEqualTo("price of apple is 42");
        assertThat(reply.getMessage().getHeader("answeredBy")).isEqualTo("pricing");
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

        long begin = System.currentTimeMillis();
        Exchange byOption = template.request("rocketmq:" + topic + "?requestTimeout=2s&delay=5s",
                e -> e.getMessage().setBody("by option"));
        Exchange byHeader = template.request("rocketmq:" + topic + "?requestTimeout=2s", e -> {
            e.getMessage().setBody("by header");
            e.getMessage().setHeader(RocketMQConstants.DELIVER_TIME, System.currentTimeMillis() + 60_000);
        });

        assertThat(byOption.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("delay=5000", "requestTimeout=2000");
        assertThat(byHeader.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(RocketMQConstants.DELIVER_TIME, "requestTimeout=2000");
        assertThat(System.currentTimeMillis() - begin).as("refused before waiting for a reply").isLessThan(2000);
        assertThat(broker.messageCount(topic)).isZero();
    }

    @Test
    void aRequestWithoutReplyTimesOutWithExchangeTimedOutException() throws Exception {
        String topic = topic("no-reply", 2);
        long start = System.currentTimeMillis();

        Exchange reply = template.request("rocketmq:" + topic + "?requestTimeout=1s",
                e -> e.getMessage().setBody("anyone?"));

        long elapsed = System.currentTimeMillis() - start;
        assertThat(reply.getException()).isInstanceOf(ExchangeTimedOutException.class)
                .hasMessageContaining("requestTimeout=1000ms").hasMessageContaining(topic);
        assertThat(elapsed).isBetween(1000L, 5000L);
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

    @Test
    void pendingRequestsFailAtOnceWhenTheProducerStops() throws Exception {
        String topic = topic("stopping-requester", 2);
        Requester requester = requestWithoutWaiting("rocketmq:" + topic + "?requestTimeout=60s", "nobody answers");

        long stopping = System.nanoTime();
        requester.producer().stop();

        await().atMost(seconds(10)).until(() -> requester.completions().size() == 1);
        assertThat((System.nanoTime() - stopping) / 1_000_000).isLessThan(10_000);
        assertThat(requester.request().getException()).hasMessageContaining("stopped").hasMessageContaining(topic);
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

    /** A started producer, the InOut exchange it was handed, and the exception of each completion (null: success). */
    private record Requester(AsyncProducer producer, Exchange request, List<Exception> completions) {
    }

    private Requester requestWithoutWaiting(String uri, String body) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        producer.start();
        Exchange request = producer.getEndpoint().createExchange(ExchangePattern.InOut);
        request.getMessage().setBody(body);
        List<Exception> completions = new CopyOnWriteArrayList<>();
        producer.process(request, doneSync -> completions.add(request.getException()));
        return new Requester(producer, request, completions);
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

        Exchange reply = template.request("rocketmq:" + topic + "?requestTimeout=3s", e -> e.getMessage().setBody("apple"));

        assertThat(reply.getException()).as("no reply: the route failed").isInstanceOf(ExchangeTimedOutException.class);
        assertThat(attempts).containsExactly("apple");
    }
}

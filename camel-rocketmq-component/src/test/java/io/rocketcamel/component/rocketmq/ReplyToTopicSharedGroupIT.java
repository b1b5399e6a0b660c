package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.common.AbortProcessException;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Producers with the same replyToTopic and replyToConsumerGroup, each with its own reply consumer in the group, so the
 * group's consumers split the reply topic's queues. Two of one CamelContext (two routes sending InOut to the same URI,
 * the way Apache's request-reply is used): a reply read by the other producer's consumer was acknowledged and dropped
 * there, and its request timed out. One of two leaving: the other takes its queues over.
 */
class ReplyToTopicSharedGroupIT extends RocketMQITSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyToTopicSharedGroupIT.class);
    /** Look-ups refused: those of the round the leave starts (the reply topic's and the retry topic's), and more. */
    private static final int REFUSED_LOOKUPS = 4;
    /** Well below the client's 20 s between rounds, above a few of the component's rounds a second apart. */
    private static final long TAKEN_OVER_WITHIN_MILLIS = 8_000;
    /** Well below the client's 20 s between rounds, above its route look-ups and the component's checks of them. */
    private static final long GROWN_READ_WITHIN_MILLIS = 6_000;

    @Test
    void everyRequestOfTwoProducersSharingAReplyGroupGetsItsReply() throws Exception {
        // the first request waits for the clients' first rebalance (RocketMQ's rebalance service waits a second after
        // a client starts): 1.2-1.4 s here, past 3 s once on a loaded CI machine; a reply dropped by the other
        // producer's consumer never arrives, however long the wait
        SharedReplyGroup shared = repliedTo("rrt", "15000");
        String replyGroup = shared.group();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to(ExchangePattern.InOut, shared.uri());
                from("direct:b").to(ExchangePattern.InOut, shared.uri());
            }
        });
        // both reply consumers are known to the broker, so their rebalance splits the reply topic's queues
        await().atMost(seconds(20)).until(() -> {
            var info = brokerController().getConsumerManager().getConsumerGroupInfo(replyGroup);
            return info != null && info.getAllChannel().size() == 2;
        });

        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (String route : List.of("direct:a", "direct:b")) {
                String body = route + "-" + i;
                Exchange answered = template.request(route, e -> e.getMessage().setBody(body));
                if (answered.getException() != null) {
                    failures.add(body + ": " + answered.getException().getMessage());
                } else {
                    assertThat(text(answered.getMessage().getBody())).isEqualTo("reply to " + body);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * Two applications request over one reply group, each reading its share of the reply topic's queues. When one
     * stops, the other's rebalance round asks a broker of the reply topic for the group's members; a broker that does
     * not answer (hung, or down and still in the route) ends the round without allocating, RocketMQ's client counts it
     * as balanced and tries again 20 s later, and the replies that land on the queues of the one that left wait that
     * long. Here the broker refuses the next look-ups of the group's members after the leave, as a hung broker fails
     * them.
     */
    @Test
    void theRepliesOnTheQueuesOfARequesterThatLeftReachTheOtherWhileTheBrokerFailsTheLookUpOfMembers()
            throws Exception {
        SharedReplyGroup shared = repliedTo("rrt-left", "5000");
        String replies = shared.replies();
        String replyGroup = shared.group();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stays").to(ExchangePattern.InOut, shared.uri());
            }
        });
        CamelContext leaving = anotherContext();
        leaving.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:leaves").routeId("leaves").to(ExchangePattern.InOut, shared.uri());
            }
        });
        leaving.start();
        await().atMost(seconds(30)).until(() -> {
            List<Set<MessageQueue>> held = replyQueuesHeld(replyGroup, replies);
            return held.size() == 2 && held.stream().noneMatch(Set::isEmpty)
                   && held.stream().mapToInt(Set::size).sum() == 4;
        });

        AtomicInteger lookUps = refuseMemberLookUps(replyGroup, REFUSED_LOOKUPS);
        leaving.getRouteController().stopRoute("leaves");
        long left = System.currentTimeMillis();
        await().atMost(seconds(30)).until(() -> lookUps.get() >= 2);

        // past the client's rounds 20 s apart, so that a failure reports how long the takeover took
        await().atMost(seconds(60)).until(() -> replyQueuesHeld(replyGroup, replies).stream().mapToInt(Set::size)
                .max().orElse(0) == 4);
        long takenOver = System.currentTimeMillis() - left;
        LOG.info("The reply topic's queues all read by the requester that stays {} ms after the leave", takenOver);
        assertThat(takenOver).as("ms from the leave to the reply topic's queues all read by the requester that stays")
                .isLessThan(TAKEN_OVER_WITHIN_MILLIS);
        // replies on every queue of the reply topic (the replier's sends go round them)
        List<CompletableFuture<Exchange>> asked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String body = "after-" + i;
            asked.add(template.asyncSend("direct:stays", e -> {
                e.setPattern(ExchangePattern.InOut);
                e.getMessage().setBody(body);
            }));
        }
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<Exchange> answer : asked) {
            Exchange exchange = answer.get();
            answers.add(exchange.getException() != null ? exchange.getException().toString()
                    : text(exchange.getMessage().getBody()));
        }
        assertThat(answers).containsExactlyInAnyOrder("reply to after-0", "reply to after-1", "reply to after-2",
                "reply to after-3", "reply to after-4", "reply to after-5", "reply to after-6", "reply to after-7");
    }

    /**
     * Queues added to the reply topic while requests run: the replier's sends go round them as soon as its client
     * looks the route up, and their replies wait until the reply consumer reads them. The client learns the queues
     * every pollNameServerInterval but takes them at its next rebalance, up to 20 s later; requests answered there
     * meanwhile timed out.
     */
    @Test
    void queuesAddedToTheReplyTopicAreReadSoon() throws Exception {
        SharedReplyGroup shared = repliedTo("rrt-grown", "15000");
        String replies = shared.replies();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:grown").to(ExchangePattern.InOut, shared.uri());
            }
        });
        assertThat(text(template.requestBody("direct:grown", "before"))).isEqualTo("reply to before");

        broker.createTopic(replies, 8);
        long grown = System.currentTimeMillis();
        // past the client's rounds 20 s apart, so that a failure reports how long it took
        await().atMost(seconds(60)).until(() -> replyQueuesHeld(shared.group(), replies).stream().mapToInt(Set::size)
                .max().orElse(0) == 8);
        long readAfter = System.currentTimeMillis() - grown;
        LOG.info("The reply topic's 8 queues read by the requester {} ms after 4 were added", readAfter);
        assertThat(readAfter).as("ms from the queues added to their reads").isLessThan(GROWN_READ_WITHIN_MILLIS);
        for (int i = 0; i < 8; i++) {
            assertThat(text(template.requestBody("direct:grown", "after-" + i))).isEqualTo("reply to after-" + i);
        }
    }

    /**
     * The broker fails the next {@code times} look-ups of the group's members, as a broker that does not answer.
     *
     * @return the count of the group's look-ups from now on, refused or not
     */
    private AtomicInteger refuseMemberLookUps(String group, int times) {
        AtomicInteger lookUps = new AtomicInteger();
        brokerController().registerServerRPCHook(new RPCHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                if (request.getCode() == RequestCode.GET_CONSUMER_LIST_BY_GROUP && request.getExtFields() != null
                    && group.equals(request.getExtFields().get("consumerGroup"))
                    && lookUps.incrementAndGet() <= times) {
                    throw new AbortProcessException(ResponseCode.SYSTEM_ERROR, "refused by the test (broker hangs)");
                }
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
            }
        });
        return lookUps;
    }

    /** The reply topic's queues read by each of the group's consumers in this JVM. */
    private static List<Set<MessageQueue>> replyQueuesHeld(String group, String topic) {
        return MQClientManager.getInstance().getFactoryTable().values().stream()
                .map(instance -> instance.selectConsumer(group))
                .filter(DefaultMQPushConsumerImpl.class::isInstance)
                .map(consumer -> HeldQueues.of((DefaultMQPushConsumerImpl) consumer, topic))
                .toList();
    }

    /** A reply topic of four queues, its reply group, and the URI of a request topic whose route replies on it. */
    private record SharedReplyGroup(String replies, String group, String uri) {
    }

    private SharedReplyGroup repliedTo(String name, String requestTimeoutMillis) throws Exception {
        String requests = topic(name + "-req", 2);
        String replies = topic(name + "-reply", 4);
        String group = unique(name + "-replies");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // the replier answers on the reply topic with the request's keys, as Apache's repliers do
                from("rocketmq:" + requests + "?consumerGroup=" + unique(name + "-replier"))
                        .setBody(simple("reply to ${body}"))
                        .to("rocketmq:" + replies);
            }
        });
        return new SharedReplyGroup(replies, group, "rocketmq:" + requests + "?replyToTopic=" + replies
                                                    + "&replyToConsumerGroup=" + group + "&requestTimeout="
                                                    + requestTimeoutMillis);
    }
}

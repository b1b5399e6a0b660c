package io.rocketcamel.component.rocketmq;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new replyToConsumerGroup on a long-lived reply topic (one whose first messages retention removed, so the broker
 * holds no offset of a new group there) starts reading replies where the topic ended when the producer started. Its
 * reply consumer gets its queues a second or more after it starts; it used to read the end then, past a reply that a
 * running replier had already sent to the producer's first request.
 */
class ReplyToTopicNewGroupIT extends RocketMQITSupport {

    @Test
    void theFirstRequestOfANewReplyGroupOnALongLivedReplyTopicGetsItsReply() throws Exception {
        String requests = topic("rrt-new-req", 1);
        String replies = topic("rrt-new-reply", 1);
        AtomicInteger answered = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // the replier answers on the reply topic with the request's keys, as Apache's repliers do
                from("rocketmq:" + requests + "?consumerGroup=" + unique("rrt-new-replier"))
                        .setBody(simple("reply to ${body}"))
                        .to("rocketmq:" + replies)
                        .process(e -> answered.incrementAndGet());
            }
        });
        // the replier runs, and the reply topic has lived: its first messages are gone
        for (int i = 0; i < 3; i++) {
            template.sendBody("rocketmq:" + replies, "old-" + i);
        }
        removeFirstMessages(replies, 0, 3);
        template.sendBody("rocketmq:" + requests, "probe");
        await().atMost(seconds(20)).until(() -> answered.get() == 1);

        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(ExchangePattern.InOut, "rocketmq:" + requests + "?replyToTopic=" + replies
                                                             + "&replyToConsumerGroup=" + unique("rrt-new-replies")
                                                             + "&requestTimeout=15000");
            }
        });
        Exchange reply = template.request("direct:ask", e -> e.getMessage().setBody("first"));

        assertThat(reply.getException()).isNull();
        assertThat(text(reply.getMessage().getBody())).isEqualTo("reply to first");
    }
}

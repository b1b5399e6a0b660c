package io.rocketcamel.component.rocketmq;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Apache's request-reply (replyToTopic) nested: a route answering requests asks another service first. Its own request
 * carries the consumed request's keys before its own generated key, and Apache's repliers echo them all, so the inner
 * reply holds the outer request's key too: it must answer only the request waiting on the topic it came from.
 */
class ReplyToTopicNestedIT extends RocketMQITSupport {

    @Test
    void theInnerReplyAnswersTheInnerRequestAndTheOuterGetsItsOwn() throws Exception {
        String outerRequests = topic("nested-req", 1);
        String outerReplies = topic("nested-reply", 1);
        String innerRequests = topic("nested-inner-req", 1);
        String innerReplies = topic("nested-inner-reply", 1);
        String outerGroup = unique("nested-replies");
        String innerGroup = unique("nested-inner-replies");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:outer").to(ExchangePattern.InOut, "rocketmq:" + outerRequests + "?replyToTopic="
                        + outerReplies + "&replyToConsumerGroup=" + outerGroup + "&requestTimeout=20000");
                from("rocketmq:" + outerRequests + "?consumerGroup=" + unique("middle"))
                        .to(ExchangePattern.InOut, "rocketmq:" + innerRequests + "?replyToTopic=" + innerReplies
                                + "&replyToConsumerGroup=" + innerGroup + "&requestTimeout=10000")
                        .setBody(simple("outer(${bodyAs(String)})"))
                        .to("rocketmq:" + outerReplies);
                from("rocketmq:" + innerRequests + "?consumerGroup=" + unique("inner"))
                        .setBody(constant("inner"))
                        .to("rocketmq:" + innerReplies);
            }
        });
        for (String group : new String[] {outerGroup, innerGroup}) {
            await().atMost(seconds(20)).until(() -> {
                var info = brokerController().getConsumerManager().getConsumerGroupInfo(group);
                return info != null && info.getAllChannel().size() == 1;
            });
        }

        Exchange answered = template.request("direct:outer", e -> e.getMessage().setBody("ask"));

        assertThat(answered.getException()).isNull();
        assertThat(text(answered.getMessage().getBody())).isEqualTo("outer(inner)");
    }
}

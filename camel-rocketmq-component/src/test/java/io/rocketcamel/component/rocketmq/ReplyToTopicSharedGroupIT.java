package io.rocketcamel.component.rocketmq;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * two producers of one CamelContext with the same replyToTopic and replyToConsumerGroup (two routes sending
 * InOut to the same URI, the way Apache's request-reply is used). Each producer starts its own reply consumer in the
 * group, so the group's consumers split the reply topic's queues: a reply read by the other producer's consumer is
 * acknowledged and dropped there, and its request times out.
 */
class ReplyToTopicSharedGroupIT extends RocketMQITSupport {

    @Test
    void everyRequestOfTwoProducersSharingAReplyGroupGetsItsReply() throws Exception {
        String requests = topic("rrt-req", 2);
        String replies = topic("rrt-reply", 4);
        String replyGroup = unique("rrt-replies");
        String uri = "rocketmq:" + requests + "?replyToTopic=" + replies + "&replyToConsumerGroup=" + replyGroup
                     // the first request waits for the clients' first rebalance (RocketMQ's rebalance service waits a
                     // second after a client starts): 1.2-1.4 s here, past 3 s once on a loaded CI machine; a reply
                     // dropped by the other producer's consumer never arrives, however long the wait
                     + "&requestTimeout=15000";
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // the replier answers on the reply topic with the request's keys, as Apache's repliers do
                from("rocketmq:" + requests + "?consumerGroup=" + unique("replier"))
                        .setBody(simple("reply to ${body}"))
                        .to("rocketmq:" + replies);
                from("direct:a").to(ExchangePattern.InOut, uri);
                from("direct:b").to(ExchangePattern.InOut, uri);
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
}

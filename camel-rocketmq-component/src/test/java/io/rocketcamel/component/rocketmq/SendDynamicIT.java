package io.rocketcamel.component.rocketmq;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SendDynamicIT extends RocketMQITSupport {

    @Test
    void toDWithManyTopicsUsesOneEndpointAndEveryTopicGetsItsMessage() throws Exception {
        String prefix = unique("region");
        String[] regions = { "eu", "us", "ap" };
        for (String region : regions) {
            broker.createTopic(prefix + "-" + region, 2);
        }
        Map<String, String> received = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:route").toD("rocketmq:" + prefix + "-${header.region}?tags=ROUTED");
                for (String region : regions) {
                    from("rocketmq:" + prefix + "-" + region + "?consumerGroup=" + unique("g"))
                            .process(e -> received.put(region, text(e.getMessage().getBody()) + "/"
                                                               + e.getMessage().getHeader(RocketMQConstants.TAGS)));
                }
            }
        });

        for (String region : regions) {
            template.sendBodyAndHeader("direct:route", "order for " + region, "region", region);
        }

        await().atMost(seconds(20)).until(() -> received.size() == 3);
        for (String region : regions) {
            assertThat(received.get(region)).isEqualTo("order for " + region + "/ROUTED");
        }
        assertThat(context.getEndpoints().stream().map(e -> e.getEndpointUri())
                .filter(uri -> uri.startsWith("rocketmq") && !uri.contains("consumerGroup")))
                .singleElement().asString().contains("header.region");
    }

    @Test
    void aResolvedTopicRocketMQRefusesFailsTheExchangeNamingIt() throws Exception {
        String prefix = unique("region");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:route").toD("rocketmq:" + prefix + "-${header.region}");
            }
        });

        Exchange sent = template.send("direct:route", e -> {
            e.getMessage().setBody("order");
            e.getMessage().setHeader("region", "eu.west");
        });

        assertThat(sent.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("Header CamelRocketMQOverrideTopic=" + prefix + "-eu.west", "illegal characters");
    }

    /**
     * A toD whose endpoint Camel cannot create (an option's value resolved to something the option refuses) fails the
     * exchange before anything is sent; the topic it resolved must not stay on the exchange, where the dead letter
     * channel's send took it and stored the message on that topic, undelayed, instead of parking it.
     */
    @Test
    void aToDWhoseEndpointCannotBeCreatedLeavesNoTopicForTheDeadLetterChannel() throws Exception {
        String prefix = unique("region");
        broker.createTopic(prefix + "-eu", 1);
        String dead = topic("dyn-dead", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("rocketmq:" + dead));
                from("direct:route").toD("rocketmq:" + prefix + "-${header.region}?delay=${header.delay}");
            }
        });

        template.send("direct:route", e -> {
            e.getMessage().setBody("order for eu");
            e.getMessage().setHeader("region", "eu");
            e.getMessage().setHeader("delay", "soon");
        });

        assertThat(broker.awaitMessages(dead, 1, seconds(10))).singleElement()
                .satisfies(m -> assertThat(text(m.getBody())).isEqualTo("order for eu"));
        assertThat(broker.messageCount(prefix + "-eu")).as("messages on the toD's topic").isZero();
    }

    /** A topic whose text the scheme holds: the toD's static URI once replaced it in the scheme, and failed. */
    @Test
    void aToDToATopicNamedLikePartOfTheSchemeSendsToIt() throws Exception {
        broker.createTopic("mq", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:route").toD("rocketmq:${header.topic}?tags=SHORT");
            }
        });

        Exchange sent = template.send("direct:route", e -> {
            e.getMessage().setBody("to mq");
            e.getMessage().setHeader("topic", "mq");
        });

        assertThat(sent.getException()).isNull();
        assertThat(broker.awaitMessages("mq", 1, seconds(10))).anySatisfy(m -> assertThat(text(m.getBody())).isEqualTo("to mq"));
    }
}

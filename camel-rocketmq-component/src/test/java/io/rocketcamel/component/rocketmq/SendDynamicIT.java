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

    /**
     * keys, orderKey and messageGroup are expressions the endpoint evaluates per exchange; written as ${...} in a toD,
     * Camel resolved them first, and each order id made an endpoint of its own, with a RocketMQ client started for it
     * (threads, connections, a health check) and kept in toD's cache of up to 1000.
     */
    @Test
    void perExchangeExpressionOptionsOfAToDShareOneEndpointAndEachMessageGetsItsOwnValues() throws Exception {
        String prefix = unique("region");
        broker.createTopic(prefix + "-eu", 4);
        String fixed = topic("fixed", 4);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:route").toD("rocketmq:" + prefix + "-${header.region}?keys=${header.orderId}&orderKey=${header.orderId}&tags=A");
                from("direct:fixed").toD("rocketmq:" + fixed + "?messageGroup=${header.customer}");
            }
        });

        for (int i = 0; i < 5; i++) {
            Map<String, Object> headers = Map.of("region", "eu", "orderId", "o-" + i, "customer", "c-" + i);
            template.sendBodyAndHeaders("direct:route", "order " + i, headers);
            template.sendBodyAndHeaders("direct:fixed", "order " + i, headers);
        }

        assertThat(context.getEndpoints().stream().map(e -> e.getEndpointUri()).filter(uri -> uri.startsWith("rocketmq")))
                .as("endpoints").hasSize(2);
        assertThat(broker.awaitMessages(prefix + "-eu", 5, seconds(15))).extracting(m -> text(m.getBody()) + "/" + m.getKeys())
                .containsExactlyInAnyOrder("order 0/o-0", "order 1/o-1", "order 2/o-2", "order 3/o-3", "order 4/o-4");
        assertThat(broker.awaitMessages(fixed, 5, seconds(15))).extracting(m -> text(m.getBody()) + "/"
                                                                               + m.getProperty("__SHARDINGKEY"))
                .containsExactlyInAnyOrder("order 0/c-0", "order 1/c-1", "order 2/c-2", "order 3/c-3", "order 4/c-4");

        // evaluated by the endpoint, a missing order id fails the exchange rather than send it to any queue
        Exchange noOrderId = template.send("direct:route", e -> {
            e.getMessage().setBody("no order id");
            e.getMessage().setHeader("region", "eu");
        });
        assertThat(noOrderId.getException()).hasMessageContainingAll("orderKey=${header.orderId}", "no value");
    }

    /**
     * A tag read from the exchange: a toD's tags=${header.level} made an endpoint, and a RocketMQ client, per level (an
     * outside audit measured 300 clients and 3,500 threads for 300 values), and a to() sent the text "${header.level}"
     * as every message's tag, which no consumer of a level subscribes to.
     */
    @Test
    void aTagsExpressionIsEvaluatedPerExchangeByOneEndpoint() throws Exception {
        String dynamic = topic("tags-dynamic", 1);
        String fixed = topic("tags-fixed", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dynamic").toD("rocketmq:" + dynamic + "?tags=t${header.n}");
                from("direct:fixed").to("rocketmq:" + fixed + "?tags=$<header.level>");
            }
        });

        for (int i = 0; i < 20; i++) {
            template.sendBodyAndHeader("direct:dynamic", "m" + i, "n", i);
        }
        template.sendBodyAndHeader("direct:fixed", "boom", "level", "ERROR");
        template.sendBodyAndHeader("direct:fixed", "slow", "level", "WARN");

        assertThat(context.getEndpoints().stream().map(e -> e.getEndpointUri())
                .filter(uri -> uri.startsWith("rocketmq"))).as("endpoints").hasSize(2);
        assertThat(broker.awaitMessages(dynamic, 20, seconds(15)))
                .extracting(m -> text(m.getBody()) + "/" + m.getTags()).contains("m0/t0", "m7/t7", "m19/t19")
                .hasSize(20);
        assertThat(broker.awaitMessages(fixed, 2, seconds(15))).extracting(m -> text(m.getBody()) + "/" + m.getTags())
                .containsExactlyInAnyOrder("boom/ERROR", "slow/WARN");

        // a message meant to be tagged, sent untagged, would reach no consumer of a tag
        Exchange noLevel = template.send("direct:fixed", e -> e.getMessage().setBody("no level"));
        assertThat(noLevel.getException()).hasMessageContainingAll("tags=$<header.level>", "no value");
        Exchange twoLevels = template.send("direct:fixed", e -> {
            e.getMessage().setBody("two levels");
            e.getMessage().setHeader("level", "ERROR,WARN");
        });
        assertThat(twoLevels.getException()).hasMessageContainingAll("tags=$<header.level>", "ERROR,WARN", "one tag");
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

        // it named the header a toD sets internally, which the route never set (an outside audit)
        assertThat(sent.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("toD's resolved topic " + prefix + "-eu.west", "illegal characters")
                .hasMessageNotContaining(RocketMQConstants.OVERRIDE_TOPIC);
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

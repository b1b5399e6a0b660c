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
}

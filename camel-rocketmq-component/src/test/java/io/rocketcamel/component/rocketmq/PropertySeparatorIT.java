package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.ObjectHelper;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

/**
 * RocketMQ stores a message's properties as one text, each name and value joined by \u0001 and separated by \u0002.
 * User headers holding them are not sent; a tag, keys or a message group (often taken from the data a route is given)
 * holding them were sent, and the broker read the rest of the value as further properties of its own choosing.
 */
class PropertySeparatorIT extends RocketMQITSupport {

    @Test
    void aTagKeysOrMessageGroupHoldingAPropertySeparatorFailsNamingItAndIsNotStored() throws Exception {
        String topic = topic("separators", 1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("rocketmq:" + topic);
                from("direct:keysOption").to("rocketmq:" + topic + "?keys=${header.orderId}");
            }
        });
        String forged = "\u0002approved\u0001true";

        Exchange keys = template.send("direct:send", e -> {
            e.getMessage().setBody("keys");
            e.getMessage().setHeader(RocketMQConstants.KEYS, "order-1" + forged);
        });
        Exchange tags = template.send("direct:send", e -> {
            e.getMessage().setBody("tags");
            e.getMessage().setHeader(RocketMQConstants.TAGS, "audit" + forged);
        });
        Exchange group = template.send("direct:send", e -> {
            e.getMessage().setBody("group");
            e.getMessage().setHeader(RocketMQConstants.MESSAGE_GROUP, "customer-1" + forged);
        });
        Exchange keysOption = template.send("direct:keysOption", e -> {
            e.getMessage().setBody("keys option");
            e.getMessage().setHeader("orderId", "order-2" + forged);
        });
        Exchange good = template.send("direct:send", e -> e.getMessage().setBody("good"));
        assertThat(good.getException()).isNull();

        // the single queue holds the messages in the order sent: once the last is there, so are any stored before it
        List<MessageExt> stored = broker.awaitMessages(topic, 1, seconds(15));
        assertThat(stored).as("stored, with their properties").extracting(m -> text(m.getBody()) + " " + m.getProperties())
                .singleElement().asString().startsWith("good ");

        Map<String, Exchange> refused = Map.of("Header CamelRocketMQKeys", keys, "Header CamelRocketMQTags", tags,
                "Header CamelRocketMQMessageGroup", group, "Option keys", keysOption);
        refused.forEach((source, exchange) -> {
            Exception failure = exchange.getException();
            assertThat(ObjectHelper.getException(UnsendableMessageException.class, failure)).as("%s: %s", source, failure)
                    .isNotNull().hasMessageContainingAll(source + "=", "\\u0002approved\\u0001true", "\\u0001", "\\u0002");
        });
    }
}

package io.rocketcamel.component.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.Test;

/**
 * A route tells a message that can never be sent as it is from a send that failed for the broker or the network by
 * one exception type, and parks the first without redelivering it, while its error handler still retries the rest.
 */
class UnsendableMessageIT extends RocketMQITSupport {

    @Test
    void everyKindOfUnsendableMessageIsParkedOnceWithoutRedeliveryAndNothingOfItIsStored() throws Exception {
        String topic = topic("unsendable", 1);
        List<Exchange> parked = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(0));
                onException(UnsendableMessageException.class).handled(true).process(parked::add);
                from("direct:send").process(e -> attempts.incrementAndGet())
                        .to("rocketmq:" + topic + "?maxMessageSize=1000");
            }
        });

        send("too large", new byte[1001], Map.of());
        send("no body", null, Map.of());
        send("empty body", new byte[0], Map.of());
        send("two tags", "x", Map.of(RocketMQConstants.TAGS, "A||B"));
        send("group and order key", "x", Map.of(RocketMQConstants.MESSAGE_GROUP, "g-1", RocketMQConstants.ORDER_KEY, "o-1"));
        send("topic RocketMQ refuses", "x", Map.of(RocketMQConstants.OVERRIDE_TOPIC, "no spaces allowed"));
        send("deliver time", "x", Map.of(RocketMQConstants.DELIVER_TIME, "tomorrow"));
        send("delay level", "x", Map.of(RocketMQConstants.OVERRIDE_DELAY_LEVEL, "soon"));
        send("RocketMQ's own topic", "x", Map.of(RocketMQConstants.OVERRIDE_TOPIC, "SCHEDULE_TOPIC_XXXX"));
        send("tags as a list", "x", Map.of(RocketMQConstants.TAGS, List.of("A")));
        send("text the charset cannot encode", "\u20ac", Map.of(Exchange.CHARSET_NAME, "ISO-8859-1"));
        send("good", "x", Map.of());

        assertThat(parked).extracting(e -> e.getMessage().getHeader("case")).containsExactly("too large", "no body",
                "empty body", "two tags", "group and order key", "topic RocketMQ refuses", "deliver time",
                "delay level",
                "RocketMQ's own topic", "tags as a list", "text the charset cannot encode");
        assertThat(parked).allSatisfy(e -> {
            Throwable caught = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            assertThat(ObjectHelper.getException(UnsendableMessageException.class, caught)).as("%s", caught).isNotNull();
            assertThat(e.getMessage().getHeader(Exchange.REDELIVERY_COUNTER)).as("redeliveries").isIn(null, 0);
        });
        assertThat(attempts).as("each exchange went through the route once").hasValue(12);
        await().atMost(seconds(15)).until(() -> broker.messageCount(topic) == 1);
        assertThat(broker.messages(topic)).extracting(m -> text(m.getBody())).containsExactly("x");
    }

    private void send(String name, Object body, Map<String, Object> headers) {
        Exchange done = template.send("direct:send", e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
            e.getMessage().setHeader("case", name);
        });
        assertThat(done.getException()).as(name).isNull();
    }
}

package io.rocketcamel.starter;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.event.ExchangeSendingEvent;
import org.apache.camel.impl.event.ExchangeSentEvent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which topic a send counts for; no broker, the events are made here as Camel makes them. */
class SendMetricsNotifierTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SendMetricsNotifier notifier = new SendMetricsNotifier(registry);
    private final CamelContext context = new DefaultCamelContext();

    @BeforeEach
    void addComponent() {
        context.addComponent("rocketmq", new RocketMQComponent());
    }

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    /**
     * A send counts for the topic a toD resolved to, or that Apache camel-rocketmq's override header names (the
     * producer honours it as its own), not for its endpoint's.
     */
    @ParameterizedTest
    @ValueSource(strings = {RocketMQConstants.OVERRIDE_TOPIC, "CamelRockerMQOverrideTopicName"})
    void aSendToTheTopicItsHeaderNamesCountsForThatTopic(String header) throws Exception {
        Endpoint endpoint = context.getEndpoint("rocketmq:orders-${header.region}");
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(header, "orders-eu");

        deliver(new ExchangeSendingEvent(exchange, endpoint));
        // the producer removes the header once the send succeeded
        exchange.getMessage().removeHeader(header);
        deliver(new ExchangeSentEvent(exchange, endpoint, 3));

        assertThat(registry.find(RocketMQMeters.SENT).tag("topic", "orders-eu").counter()).isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
        assertThat(registry.find(RocketMQMeters.SENT).tag("topic", "orders-${header.region}").counter()).isNull();
    }

    /**
     * A real toD, whose resolved topic Camel hands to the producer only after it announced the send: it counted for
     * its endpoint's topic, expressions unresolved. Sent here to a name server that refuses connections, so the send
     * fails at once and counts as failed.
     */
    @Test
    void aToDSendCountsForTheTopicItResolved() throws Exception {
        context.getManagementStrategy().addEventNotifier(notifier);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dynamic").toD("rocketmq:orders-${header.region}?namesrvAddr=127.0.0.1:1&sendTimeout=1000"
                                           + "&retryTimesWhenSendFailed=0");
            }
        });
        context.start();

        Exchange sent = context.createProducerTemplate().request("direct:dynamic",
                e -> {
                    e.getMessage().setBody("order-1");
                    e.getMessage().setHeader("region", "eu");
                });

        assertThat(sent.getException()).isNotNull();
        assertThat(registry.find(RocketMQMeters.SEND_FAILED).tag("topic", "orders-eu").counter()).isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
        assertThat(registry.find(RocketMQMeters.SEND_FAILED).tag("topic", "orders-${header.region}").counter()).isNull();
    }

    @Test
    void aListWhoseMessagesNameTheirTopicsCountsEachMessageForItsTopic() throws Exception {
        Endpoint endpoint = context.getEndpoint("rocketmq:orders");
        List<Message> list = new ArrayList<>();
        for (String topic : new String[] { "audit", null, "audit", null, null }) {
            Message element = new DefaultMessage(context);
            element.setBody("m");
            if (topic != null) {
                element.setHeader(RocketMQConstants.OVERRIDE_TOPIC, topic);
            }
            list.add(element);
        }
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(list);

        deliver(new ExchangeSendingEvent(exchange, endpoint));
        list.forEach(element -> element.removeHeader(RocketMQConstants.OVERRIDE_TOPIC));
        deliver(new ExchangeSentEvent(exchange, endpoint, 3));

        assertThat(registry.find(RocketMQMeters.SENT).tag("topic", "audit").counter().count()).isEqualTo(2.0);
        assertThat(registry.find(RocketMQMeters.SENT).tag("topic", "orders").counter().count()).isEqualTo(3.0);
        assertThat(registry.find(RocketMQMeters.SEND_LATENCY).timers()).singleElement()
                .satisfies(timer -> assertThat(timer.getId().getTag("topic")).isEqualTo("orders"));
    }

    /** The producer sends an array body as a list, a message per element: counted so. */
    @Test
    void anArrayBodyCountsEachOfItsMessages() throws Exception {
        Endpoint endpoint = context.getEndpoint("rocketmq:orders");
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(new String[] { "a", "b", "c" });

        deliver(new ExchangeSendingEvent(exchange, endpoint));
        deliver(new ExchangeSentEvent(exchange, endpoint, 3));

        assertThat(registry.find(RocketMQMeters.SENT).tag("topic", "orders").counter().count()).isEqualTo(3.0);
    }

    private void deliver(CamelEvent event) throws Exception {
        if (notifier.isEnabled(event)) {
            notifier.notify(event);
        }
    }
}

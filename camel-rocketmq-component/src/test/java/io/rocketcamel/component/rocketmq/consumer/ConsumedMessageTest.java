package io.rocketcamel.component.rocketmq.consumer;

import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQHeaderFilterStrategy;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumedMessageTest {

    private final CamelContext context = new DefaultCamelContext();
    private final AtomicInteger filtered = new AtomicInteger();
    private final HeaderMapper mapper = new HeaderMapper(new RocketMQHeaderFilterStrategy() {
        @Override
        public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
            filtered.incrementAndGet();
            return super.applyFilterToExternalHeaders(name, value, exchange);
        }
    });

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private static MessageExt consumed() {
        MessageExt message = new MessageExt();
        message.setTopic("orders");
        message.setTags("ERROR");
        message.setKeys("order-7");
        message.setBody(new byte[] {42});
        message.setQueueId(3);
        message.setQueueOffset(1234);
        message.setBrokerName("broker-a");
        message.setReconsumeTimes(2);
        message.setMsgId("ID-1");
        message.putUserProperty("level", "ERROR");
        return message;
    }

    @Test
    void headersAreMappedOnlyWhenTheRouteFirstReadsThem() {
        Exchange exchange = new DefaultExchange(context);
        ConsumedMessage message = new ConsumedMessage(exchange, consumed(), mapper);
        exchange.setIn(message);

        assertThat(message.getBody(byte[].class)).containsExactly(42);
        assertThat(filtered).as("no header mapped for a body-only route").hasValue(0);

        assertThat(message.getHeader("level")).isEqualTo("ERROR");
        assertThat(filtered).hasPositiveValue();
        assertThat(message.getHeaders())
                .containsEntry(RocketMQConstants.TOPIC, "orders")
                .containsEntry(RocketMQConstants.TAGS, "ERROR")
                .containsEntry(RocketMQConstants.KEYS, "order-7")
                .containsEntry(RocketMQConstants.QUEUE_ID, 3)
                .containsEntry(RocketMQConstants.QUEUE_OFFSET, 1234L)
                .containsEntry(RocketMQConstants.BROKER_NAME, "broker-a")
                .containsEntry(RocketMQConstants.RECONSUME_TIMES, 2)
                .containsEntry(RocketMQConstants.MESSAGE_ID, "ID-1")
                .doesNotContainKeys("TAGS", "KEYS");
    }

    @Test
    void aHeaderSetBeforeAnyWasReadKeepsTheMappedOnesAndACopyHasThemAll() {
        Exchange exchange = new DefaultExchange(context);
        ConsumedMessage message = new ConsumedMessage(exchange, consumed(), mapper);
        exchange.setIn(message);

        message.setHeader("routed", true);

        assertThat(message.hasHeaders()).isTrue();
        assertThat(message.copy().getHeaders()).containsEntry("routed", true).containsEntry("level", "ERROR")
                .containsEntry(RocketMQConstants.TAGS, "ERROR");
    }
}

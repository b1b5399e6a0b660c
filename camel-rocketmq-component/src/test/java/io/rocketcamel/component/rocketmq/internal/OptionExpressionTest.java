package io.rocketcamel.component.rocketmq.internal;

import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OptionExpressionTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private Object evaluate(String option) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("orderId", "o-42");
        exchange.getMessage().setBody("b");
        return OptionExpression.of(context, "orderKey", option).evaluate(exchange);
    }

    @ParameterizedTest
    @ValueSource(strings = { "$<header.orderId>", "${header.orderId}", "$simple{header.orderId}" })
    void allThreeFormsReadTheHeader(String form) {
        assertThat(evaluate(form)).isEqualTo("o-42");
    }

    @Test
    void formsMixWithText() {
        assertThat(evaluate("order-$<header.orderId>-$<body>")).isEqualTo("order-o-42-b");
    }

    @Test
    void plainTextIsAConstant() {
        assertThat(evaluate("fixed")).isEqualTo("fixed");
    }

    @Test
    void theAngleFormWorksInsideAnEndpointUri() {
        RocketMQEndpoint endpoint = context.getEndpoint("rocketmq:t?orderKey=$<header.orderId>&keys=k-${header.orderId}",
                RocketMQEndpoint.class);
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("orderId", "o-7");
        assertThat(endpoint.getOrderKey().evaluate(exchange)).isEqualTo("o-7");
        assertThat(endpoint.getKeys().evaluate(exchange)).isEqualTo("k-o-7");
    }

    @Test
    void unsetOptionHasNoExpression() {
        assertThat(OptionExpression.of(context, "keys", null)).isNull();
    }
}

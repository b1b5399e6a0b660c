package io.rocketcamel.starter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.rocketcamel.component.rocketmq.RocketMQComponent;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.event.ExchangeCompletedEvent;
import org.apache.camel.impl.event.ExchangeFailedEvent;
import org.apache.camel.impl.event.ExchangeSendingEvent;
import org.apache.camel.impl.event.ExchangeSentEvent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which Camel events count for which route or endpoint; no broker, the events are made here. */
class RouteActivityTest {

    private final CamelContext context = new DefaultCamelContext();
    private final RouteActivity activity = new RouteActivity();

    RouteActivityTest() {
        context.addComponent("rocketmq", new RocketMQComponent());
    }

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void aSendFromAnyRouteCountsForTheEndpointOnlyAndAFailedOneAsFailed() {
        Endpoint orders = context.getEndpoint("rocketmq:orders");
        Exchange fromTimer = exchange(context.getEndpoint("direct:tick"), "ticker");
        Exchange fromNowhere = exchange(null, null);
        fromNowhere.setException(new IllegalStateException("broker down"));

        deliver(new ExchangeSendingEvent(fromTimer, orders), new ExchangeSentEvent(fromTimer, orders, 5),
                new ExchangeSendingEvent(fromNowhere, orders), new ExchangeSentEvent(fromNowhere, orders, 5));

        assertThat(activity.ofEndpoint(orders.toString()).messages()).isEqualTo(2);
        assertThat(activity.ofEndpoint(orders.toString()).failures()).isEqualTo(1);
        assertThat(activity.ofRoute("ticker").messages()).as("the route that sent consumed nothing from rocketmq").isZero();
    }

    /**
     * A toD whose URI varies per message (tags=${header.kind}) makes an endpoint per value; Camel keeps the last
     * 1,000 such dynamic endpoints, and the console showed only those, but kept a rate (about 7 KB) for every one.
     */
    @Test
    void theRatesOfEndpointsCamelDroppedDoNotPileUp() {
        // a started context's endpoints beyond its routes' are dynamic: Camel keeps its last 1,000 of them
        context.start();
        Endpoint last = null;
        for (int i = 0; i < 3_000; i++) {
            last = context.getEndpoint("rocketmq:orders?tags=kind-" + i);
            Exchange exchange = exchange(context.getEndpoint("direct:tick"), "ticker");
            deliver(new ExchangeSendingEvent(exchange, last), new ExchangeSentEvent(exchange, last, 1));
        }

        assertThat(activity.endpointsTracked()).isLessThanOrEqualTo(2_001);
        assertThat(activity.ofEndpoint(last.toString()).messages()).isEqualTo(1);
    }

    @Test
    void aConsumedExchangeCountsForItsRouteWithItsBatchAndRollbackOnlyAsFailed() {
        RocketMQEndpoint consumed = (RocketMQEndpoint) context.getEndpoint("rocketmq:orders?consumerGroup=readers&consumeBatchSize=3");
        Exchange batch = exchange(consumed, "reader");
        batch.getMessage().setBody(List.of("a", "b", "c"));
        Exchange rolledBack = exchange(consumed, "reader");
        rolledBack.setRollbackOnly(true);
        Exchange failed = exchange(consumed, "reader");
        failed.setException(new IllegalStateException("no"));
        Exchange deadLetterCopy = exchange(consumed, null);

        deliver(new ExchangeCompletedEvent(batch), new ExchangeCompletedEvent(rolledBack), new ExchangeFailedEvent(failed),
                new ExchangeCompletedEvent(deadLetterCopy));

        assertThat(activity.ofRoute("reader").messages()).isEqualTo(5);
        assertThat(activity.ofRoute("reader").failures()).isEqualTo(2);
        assertThat(activity.ofRoute("reader").recentFailures()).isEqualTo(2);
    }

    @Test
    void theCopiesASplitOrMulticastMakesAndABodyTheRouteTurnedIntoAListCountNothing() {
        RocketMQEndpoint consumed = (RocketMQEndpoint) context.getEndpoint("rocketmq:lines?consumerGroup=splitters");
        Exchange original = exchange(consumed, "splitter");
        // the route split "a,b,c" and aggregated a list: still one message consumed
        original.getMessage().setBody(List.of("a", "b", "c"));
        List<Exchange> parts = List.of(original.copy(), original.copy(), original.copy());
        parts.forEach(part -> part.setProperty(Exchange.CORRELATION_ID, original.getExchangeId()));

        parts.forEach(part -> deliver(new ExchangeCompletedEvent(part)));
        deliver(new ExchangeCompletedEvent(original));

        assertThat(activity.ofRoute("splitter").messages()).isOne();
    }

    private Exchange exchange(Endpoint from, String routeId) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getExchangeExtension().setFromEndpoint(from);
        exchange.getExchangeExtension().setFromRouteId(routeId);
        exchange.getMessage().setBody("body");
        return exchange;
    }

    /** As Camel's event helper does: only to a notifier that takes the event. */
    private void deliver(CamelEvent... events) {
        for (CamelEvent event : events) {
            if (activity.isEnabled(event)) {
                activity.notify(event);
            }
        }
    }
}

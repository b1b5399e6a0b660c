package io.rocketcamel.starter.console;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.starter.MessageCount;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * What each rocketmq consumer route and producer endpoint did lately, from Camel's own exchange events: a consumed
 * exchange completes or fails in the route that consumed it; a send ends with a "sent" event naming its endpoint. No
 * hook in the component, no Micrometer needed.
 */
public class RouteActivity extends EventNotifierSupport {

    /** Kept while the fewest producer rates left after a pruning is at most half of this. */
    private static final int MIN_PRUNE_ABOVE = 1_000;

    private final Map<String, Rate> consumers = new ConcurrentHashMap<>();
    private final Map<String, Rate> producers = new ConcurrentHashMap<>();
    /**
     * Past this many producer rates, those of endpoints Camel no longer has go: a toD whose URI varies per message
     * makes an endpoint per value, of which Camel keeps its last 1,000, and the console shows only what Camel has.
     */
    private volatile int pruneAbove = MIN_PRUNE_ABOVE;

    public RouteActivity() {
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
    }

    /** Camel times a send, and so emits its "sent" event, only when a notifier takes the "sending" event too. */
    @Override
    public boolean isEnabled(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            return sending.getEndpoint() instanceof RocketMQEndpoint;
        }
        if (event instanceof ExchangeSentEvent sent) {
            return sent.getEndpoint() instanceof RocketMQEndpoint;
        }
        return (event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent)
               && consumedFromRocketMQ(((CamelEvent.ExchangeEvent) event).getExchange());
    }

    @Override
    public void notify(CamelEvent event) {
        long now = System.currentTimeMillis();
        if (event instanceof ExchangeSentEvent sent) {
            Exchange exchange = sent.getExchange();
            rate(producers, sent.getEndpoint().toString(), now)
                    .record(MessageCount.of(exchange), exchange.getException() != null, now);
            if (producers.size() > pruneAbove) {
                pruneProducers(exchange.getContext());
            }
        } else if (event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            boolean failed = exchange.isFailed() || exchange.isRollbackOnly() || exchange.isRollbackOnlyLast();
            rate(consumers, exchange.getFromRouteId(), now).record(MessageCount.consumed(exchange), failed, now);
        }
        // the "sending" event is taken only so that Camel emits "sent"
    }

    /**
     * Exchanges the rocketmq consumer of a route created: not those a dead-letter or reply template creates, nor the
     * copies a split, multicast or wire tap makes (they complete too, under the route they were copied in).
     */
    private static boolean consumedFromRocketMQ(Exchange exchange) {
        return exchange.getFromEndpoint() instanceof RocketMQEndpoint && exchange.getFromRouteId() != null
               && exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) == null;
    }

    private synchronized void pruneProducers(CamelContext context) {
        if (producers.size() <= pruneAbove) {
            return;
        }
        Set<String> kept = context.getEndpoints().stream().filter(RocketMQEndpoint.class::isInstance)
                .map(Object::toString).collect(Collectors.toSet());
        producers.keySet().retainAll(kept);
        pruneAbove = Math.max(MIN_PRUNE_ABOVE, 2 * producers.size());
    }

    /** How many producer endpoints have a rate here. */
    int endpointsTracked() {
        return producers.size();
    }

    private static Rate rate(Map<String, Rate> rates, String key, long now) {
        return rates.computeIfAbsent(key, k -> new Rate(now));
    }

    /** What the route consumed; empty while it consumed nothing. */
    Activity ofRoute(String routeId) {
        return Activity.of(consumers.get(routeId));
    }

    /** What was sent to the endpoint, by its URI with secrets masked (as Camel prints it); empty while nothing was. */
    Activity ofEndpoint(String maskedUri) {
        return Activity.of(producers.get(maskedUri));
    }

    /**
     * @param perSecond      messages per second over the last minute
     * @param messages       messages since the application started
     * @param failures       failed messages since the application started (each redelivery counts)
     * @param recentFailures failed messages in the last five minutes
     */
    record Activity(double perSecond, long messages, long failures, long recentFailures) {

        static Activity of(Rate rate) {
            if (rate == null) {
                return new Activity(0, 0, 0, 0);
            }
            long now = System.currentTimeMillis();
            return new Activity(rate.perSecond(now), rate.messages(), rate.failures(), rate.recentFailures(now));
        }
    }
}

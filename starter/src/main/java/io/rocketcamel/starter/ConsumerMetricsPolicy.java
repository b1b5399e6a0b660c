package io.rocketcamel.starter;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.rocketcamel.component.rocketmq.MessageModel;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Consumer metrics of one route that consumes from rocketmq: the route policy sees each exchange after the consumer
 * built it and again when it is done. Lag and DLQ gauges live as long as the route, also while it is stopped, when
 * the lag matters most; they read the brokers' offsets at each scrape.
 */
class ConsumerMetricsPolicy extends RoutePolicySupport {

    private static final String MESSAGES = "rocketcamel.metrics.messages";

    private final MeterRegistry registry;
    private final MeterLeases leases;
    private final BrokerAdmin admin;
    private final BrokerReadings readings;
    private final List<Meter> meters = new ArrayList<>();
    private Counter consumed;
    private Counter failed;
    private Counter retried;

    ConsumerMetricsPolicy(MeterRegistry registry, MeterLeases leases, BrokerAdmin admin, BrokerReadings readings) {
        this.registry = registry;
        this.leases = leases;
        this.readings = readings;
        this.admin = admin;
    }

    @Override
    public void onInit(Route route) {
        if (!(route.getEndpoint() instanceof RocketMQEndpoint endpoint)) {
            return;
        }
        RocketMQConfiguration configuration = endpoint.getConfiguration();
        String group = configuration.getConsumerGroup();
        String topic = endpoint.getTopicName();
        Tags tags = Tags.of("group", group, "topic", topic);
        consumed = counter(RocketMQMeters.CONSUMED, tags, "Messages handed to the route (redeliveries included)");
        failed = counter(RocketMQMeters.CONSUME_FAILED, tags,
                "Messages whose exchange failed or was marked rollback-only (to be retried or dead-lettered)");
        retried = counter(RocketMQMeters.RETRIED, tags, "Messages handed to the route again after a failed exchange:"
                                                        + " broker redeliveries in CLUSTERING, the consumer's own retries"
                                                        + " in BROADCASTING");
        if (configuration.getMessageModel() == MessageModel.CLUSTERING) {
            // built once: the gauges read them at every scrape
            String cluster = configuration.getNamesrvAddr() + "|" + configuration.getNamespace() + "|" + group;
            String lagKey = cluster + "|lag|" + topic;
            String deadLettersKey = cluster + "|dlq";
            meters.add(leases.hold(Gauge.builder(RocketMQMeters.LAG,
                            () -> readings.read(lagKey, () -> admin.lag(configuration, group, topic)))
                    .tags(tags).description("Messages in the topic beyond the group's committed offsets")
                    .baseUnit("messages").register(registry)));
            meters.add(leases.hold(Gauge.builder(RocketMQMeters.DEAD_LETTERS,
                            () -> readings.read(deadLettersKey, () -> admin.deadLetters(configuration, group)))
                    .tags("group", group).description("Messages in the group's dead-letter topic")
                    .baseUnit("messages").register(registry)));
        }
    }

    private Counter counter(String name, Tags tags, String description) {
        Counter counter = leases.hold(Counter.builder(name).tags(tags).description(description).baseUnit("messages")
                .register(registry));
        meters.add(counter);
        return counter;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        if (consumed == null) {
            return;
        }
        int messages = MessageCount.of(exchange);
        exchange.setProperty(MESSAGES, messages);
        consumed.increment(messages);
        retried.increment(redelivered(exchange.getMessage(), messages));
    }

    /** A batch consumer's exchange holds a list of messages, each with its own redelivery count; the exchange none. */
    private static int redelivered(Message message, int messages) {
        if (message.getBody() instanceof List<?> batch && !batch.isEmpty() && batch.get(0) instanceof Message) {
            return (int) batch.stream().filter(element -> element instanceof Message each && redelivered(each)).count();
        }
        return redelivered(message) ? messages : 0;
    }

    private static boolean redelivered(Message message) {
        Integer reconsumeTimes = message.getHeader(RocketMQConstants.RECONSUME_TIMES, Integer.class);
        return reconsumeTimes != null && reconsumeTimes > 0;
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        if (consumed != null && (exchange.isFailed() || exchange.isRollbackOnly() || exchange.isRollbackOnlyLast())) {
            failed.increment(exchange.getProperty(MESSAGES, 1, Integer.class));
        }
    }

    @Override
    public void onRemove(Route route) {
        meters.forEach(leases::release);
        meters.clear();
    }
}

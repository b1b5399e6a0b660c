package io.rocketcamel.component.rocketmq;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.spi.UriParam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the options on an endpoint's URI that only the other side reads: {@code consumeMode=ORDERLY} on a
 * {@code to()} keeps no order, {@code orderKey} on a {@code from()} orders nothing, and neither said so. Warned, not
 * refused: one endpoint URI may serve both a route's {@code from} and another's {@code to}. Which side reads an option
 * is its {@code @UriParam} label, the one the catalog is generated from; the component's options are every endpoint's
 * defaults, for either side, and are not named.
 */
final class OptionSides {

    private static final Logger LOG = LoggerFactory.getLogger(OptionSides.class);
    private static final String CONSUMER = "consumer";
    private static final String PRODUCER = "producer";

    /** An option's name as Camel binds it (case and dashes ignored) -> its name and the side that reads it. */
    private static final Map<String, Option> OPTIONS = options();

    /** What the option is most often mistaken for, on the side that does not read it. */
    private static final Map<String, String> INSTEAD = Map.of(
            "consumeMode", "per-key order when sending comes from orderKey (or messageGroup)",
            "messageModel", "per-key order when sending comes from orderKey (or messageGroup)",
            "consumerGroup", "a producer's group is producerGroup",
            "deadLetterUri", "a failed send fails the exchange, for Camel's error handler to retry or dead-letter",
            "maxReconsumeTimes", "a failed send fails the exchange, for Camel's error handler to retry or dead-letter",
            "sql", "a sent message's tag is tags, its properties the exchange's headers",
            "orderKey", "ordered consumption is consumeMode=ORDERLY",
            "messageGroup", "ordered consumption is consumeMode=ORDERLY",
            "delayLevel", "a delay is the sender's, set on the endpoint that sends",
            "producerGroup", "a consumer's group is consumerGroup");

    private record Option(String name, String side) {
    }

    private OptionSides() {
    }

    private static Map<String, Option> options() {
        Map<String, Option> options = new LinkedHashMap<>();
        for (Field field : RocketMQConfiguration.class.getDeclaredFields()) {
            UriParam param = field.getAnnotation(UriParam.class);
            if (param == null) {
                continue;
            }
            String name = param.name().isEmpty() ? field.getName() : param.name();
            String side = param.label().startsWith(CONSUMER) ? CONSUMER
                    : param.label().startsWith(PRODUCER) ? PRODUCER : null;
            if (side != null) {
                options.put(OptionLevels.bound(name), new Option(name, side));
            }
        }
        return Map.copyOf(options);
    }

    /** Warns of the consumer options on the URI of an endpoint a producer is created for. */
    static void warnOnProducer(Collection<String> uriOptions, String uri) {
        warn(uriOptions, uri, CONSUMER, "sending", "a consumer (from)");
    }

    /** Warns of the producer options on the URI of an endpoint a consumer is created for. */
    static void warnOnConsumer(Collection<String> uriOptions, String uri) {
        warn(uriOptions, uri, PRODUCER, "consuming", "a producer (to)");
    }

    private static void warn(Collection<String> uriOptions, String uri, String otherSide, String doing, String reader) {
        List<String> names = uriOptions.stream().map(name -> OPTIONS.get(OptionLevels.bound(name)))
                .filter(option -> option != null && option.side().equals(otherSide)).map(Option::name).sorted()
                .toList();
        if (names.isEmpty()) {
            return;
        }
        String instead = names.stream().filter(INSTEAD::containsKey).map(name -> name + ": " + INSTEAD.get(name))
                .collect(Collectors.joining("; "));
        LOG.warn("Option{} {} of {} {} no effect on {}: only {} reads {}{}", names.size() == 1 ? "" : "s",
                String.join(", ", names), uri, names.size() == 1 ? "has" : "have", doing, reader,
                names.size() == 1 ? "it" : "them", instead.isEmpty() ? "" : ". " + instead);
    }
}

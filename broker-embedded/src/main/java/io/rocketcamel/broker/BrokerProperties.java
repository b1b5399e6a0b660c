package io.rocketcamel.broker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * Raw {@code BrokerConfig} / {@code MessageStoreConfig} keys given through {@code brokerProperty(key, value)}.
 * RocketMQ's own property binding ignores unknown keys and unparsable values, so a typo would silently leave the
 * default in place: here every key and value is checked when it is given, before the broker starts.
 */
final class BrokerProperties {

    private static final Class<?>[] TARGETS = {BrokerConfig.class, MessageStoreConfig.class};

    /**
     * Settings RocketMQ takes without a check, the damage showing later: a negative maxMessageSize refused every send,
     * a zero file size or retention broke the store (the commit log's file size and the transaction settings
     * are checked by their typed settings), a disk ratio out of range was clamped without a word.
     */
    private static final Map<String, Range> RANGES = Map.ofEntries(
            Map.entry("maxMessageSize", Range.positive("bytes")),
            Map.entry("mappedFileSizeConsumeQueue", Range.positive("bytes")),
            Map.entry("mappedFileSizeTimerLog", Range.positive("bytes")),
            Map.entry("fileReservedTime", Range.positive("hours")),
            Map.entry("flushIntervalCommitLog", Range.positive("milliseconds")),
            Map.entry("timerMaxDelaySec", Range.positive("seconds")),
            Map.entry("timerPrecisionMs", Range.positive("milliseconds")),
            Map.entry("sendMessageThreadPoolNums", Range.positive("threads")),
            Map.entry("pullMessageThreadPoolNums", Range.positive("threads")),
            Map.entry("diskMaxUsedSpaceRatio", new Range(10, 95, "percent of the disk; RocketMQ clamps other values")));

    /** RocketMQ's clean-up task parses each hour and threw on any other text, so no expired file was ever deleted. */
    private static final String HOURS = "([01]?[0-9]|2[0-3])(;([01]?[0-9]|2[0-3]))*";

    private final Map<String, Object> values = new LinkedHashMap<>();

    void put(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Broker property key must not be blank");
        }
        if (value == null) {
            throw new IllegalArgumentException("Broker property '" + key + "' needs a value");
        }
        Method setter = Arrays.stream(TARGETS)
                .map(type -> setterOf(type, key))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown broker property '" + key + "': it is neither a "
                        + "BrokerConfig nor a MessageStoreConfig setting of RocketMQ (keys are the Java field names, "
                        + "e.g. 'maxMessageSize', 'deleteWhen', 'fileReservedTime')"));
        Object converted = convert(key, value.trim(), setter.getParameterTypes()[0]);
        checkRange(key, value.trim(), converted);
        values.put(key, converted);
    }

    private static void checkRange(String key, String text, Object value) {
        String expected = null;
        Range range = RANGES.get(key);
        if (range != null && !range.holds(((Number) value).longValue())) {
            long max = value instanceof Integer ? Math.min(range.max(), Integer.MAX_VALUE) : range.max();
            expected = range.min() + " to " + max + " (" + range.unit() + ")";
        } else if (key.equals("deleteWhen") && !text.matches(HOURS)) {
            expected = "hours of the day (0 to 23) separated by semicolons, such as 04 or 01;13";
        }
        if (expected != null) {
            throw new IllegalArgumentException("Invalid value '" + text + "' for broker property '" + key
                                               + "': expected " + expected);
        }
    }

    private record Range(long min, long max, String unit) {

        static Range positive(String unit) {
            return new Range(1, Long.MAX_VALUE, unit);
        }

        boolean holds(long value) {
            return value >= min && value <= max;
        }
    }

    private static Optional<Method> setterOf(Class<?> type, String key) {
        String name = "set" + Character.toUpperCase(key.charAt(0)) + key.substring(1);
        // Some settings have a typed and a String overload (flushDiskType): the typed one validates the value.
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == 1)
                .min(Comparator.comparing(m -> m.getParameterTypes()[0] == String.class));
    }

    static Object convert(String key, String value, Class<?> type) {
        try {
            if (type == String.class) {
                return value;
            }
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(value);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(value);
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(value);
            }
            if (type == float.class || type == Float.class) {
                return Float.parseFloat(value);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not true or false");
                }
                return Boolean.parseBoolean(value);
            }
            if (type.isEnum()) {
                return enumValue(type, value);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for broker property '" + key
                    + "': expected " + describe(type), e);
        }
        throw new IllegalArgumentException("Broker property '" + key + "' is of type " + type.getSimpleName()
                + ", which cannot be set from text");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String value) {
        return Enum.valueOf((Class<? extends Enum>) type, value.toUpperCase());
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return (type == int.class || type == Integer.class ? "an " : "a ") + type.getSimpleName();
    }

    /** Applies after the embedded defaults, so that a user's value always wins. */
    void applyTo(BrokerConfig brokerConfig, MessageStoreConfig storeConfig) {
        values.forEach((key, value) -> {
            for (Object target : new Object[] {brokerConfig, storeConfig}) {
                setterOf(target.getClass(), key).ifPresent(setter -> invoke(setter, target, value));
            }
        });
    }

    private static void invoke(Method setter, Object target, Object value) {
        try {
            setter.invoke(target, value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new EmbeddedBrokerException("Could not apply broker property via " + setter, e);
        }
    }
}

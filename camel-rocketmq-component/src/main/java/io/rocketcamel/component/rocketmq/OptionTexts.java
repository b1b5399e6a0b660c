package io.rocketcamel.component.rocketmq;

import java.lang.reflect.Field;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.spi.UriParam;

/**
 * Camel binds a number option's text as a whole number or a time pattern (5s), and a duration's also as ISO-8601, but
 * reads text that is none of them as 0 rather than refusing it: delay=abc, 5S and -5s sent without a delay, 1m30 as one
 * minute, delayLevel=3.5 as no delay level, and sendTimeout=abc was refused as "sendTimeout=0ms". Such text is refused
 * here, before Camel binds it, naming the option and the text as written.
 */
final class OptionTexts {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?\\d+");
    /** Camel's time pattern: days, hours, minutes, seconds and milliseconds, each at most once and in that order. */
    private static final Pattern TIME_PATTERN = Pattern.compile("(?=.)(\\d{1,9}d)?(\\d{1,9}h)?(\\d{1,9}m(?!s))?"
                                                                + "(\\d{1,12}s)?(\\d{1,15}ms)?");
    private static final Set<String> DURATIONS = durationOptions();

    private OptionTexts() {
    }

    /**
     * @param type the option's type, as its configurer binds it; null for no such option (Camel then refuses the name)
     * @throws IllegalArgumentException naming the option when its text is no value of its type
     */
    static void check(String name, String text, Class<?> type) {
        boolean isInt = type == int.class || type == Integer.class;
        if (type == null || !isInt && type != long.class && type != Long.class) {
            return;
        }
        if (WHOLE_NUMBER.matcher(text).matches()) {
            checkRange(name, text, isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
        } else if (DURATIONS.contains(name.toLowerCase(Locale.ROOT))) {
            if (!isDuration(text)) {
                throw new IllegalArgumentException("Option " + name + "=" + text + " is not a duration: give"
                                                   + " milliseconds (5000), a time pattern (5s, 1m30s, 250ms, 1h) or"
                                                   + " ISO-8601 (PT5S)");
            }
        } else if (!TIME_PATTERN.matcher(text).matches()) {
            throw new IllegalArgumentException("Option " + name + "=" + text + " is not a whole number");
        }
    }

    /** Camel casts a long to an int option: 4294967297 became 1. */
    private static void checkRange(String name, String text, long max) {
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BigInteger.valueOf(max)) > 0 || value.compareTo(BigInteger.valueOf(-max - 1)) < 0) {
            throw new IllegalArgumentException("Option " + name + "=" + text + " is beyond the whole numbers it takes"
                                               + " (" + (-max - 1) + " to " + max + ")");
        }
    }

    private static boolean isDuration(String text) {
        if (TIME_PATTERN.matcher(text).matches()) {
            return true;
        }
        String unsigned = text.startsWith("-") ? text.substring(1) : text;
        if (!unsigned.startsWith("P") && !unsigned.startsWith("p")) {
            return false;
        }
        try {
            Duration.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The options declared as durations: their configurer binds them through Camel's Duration converter. */
    private static Set<String> durationOptions() {
        Set<String> names = new HashSet<>();
        for (Field field : RocketMQConfiguration.class.getDeclaredFields()) {
            UriParam option = field.getAnnotation(UriParam.class);
            if (option != null && Duration.class.getName().equals(option.javaType())) {
                names.add((option.name().isEmpty() ? field.getName() : option.name()).toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(names);
    }
}

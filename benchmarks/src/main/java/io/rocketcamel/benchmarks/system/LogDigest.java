package io.rocketcamel.benchmarks.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warnings and errors of a child JVM's output, one line per level and logger with a count and the first message,
 * and the exceptions no handler caught, one line per exception class:
 * what to read when a scenario left units unfinished, without the thousands of lines of the app's expected warnings.
 */
public final class LogDigest {

    /** {@code 06:34:39.725 WARN  order-saga - Order ... cancelled}: the examples app's console pattern. */
    private static final Pattern LINE = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s+(\\S+)\\s+-\\s+(.*)$");
    /**
     * {@code Exception in thread "PullMessageService" java.lang.OutOfMemoryError: Java heap space}: what the JVM prints
     * when no handler caught it, outside any logger.
     */
    private static final Pattern UNCAUGHT = Pattern.compile("^Exception in thread \"([^\"]*)\" ([\\w.$]+)(?::\\s*(.*))?$");

    private LogDigest() {
    }

    public static List<String> of(List<String> lines) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> first = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher logged = LINE.matcher(line);
            Matcher uncaught = UNCAUGHT.matcher(line);
            String key;
            String message;
            if (logged.matches()) {
                key = logged.group(1) + " " + logged.group(2);
                message = logged.group(3);
            } else if (uncaught.matches()) {
                key = "UNCAUGHT " + uncaught.group(2);
                message = "in thread " + uncaught.group(1) + (uncaught.group(3) == null ? "" : ": " + uncaught.group(3));
            } else {
                continue;
            }
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
            first.putIfAbsent(key, message);
        }
        List<String> digest = new ArrayList<>();
        counts.forEach((key, count) -> digest.add(String.format("%s x%,d, first: %s", key, count[0], first.get(key))));
        return digest;
    }
}

package io.rocketcamel.benchmarks.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The warnings and errors of a child JVM's output, one line per level and logger with a count and the first message:
 * what to read when a scenario left units unfinished, without the thousands of lines of the app's expected warnings.
 */
public final class LogDigest {

    /** {@code 06:34:39.725 WARN  order-saga - Order ... cancelled}: the examples app's console pattern. */
    private static final Pattern LINE = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s+(\\S+)\\s+-\\s+(.*)$");

    private LogDigest() {
    }

    public static List<String> of(List<String> lines) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> first = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String key = m.group(1) + " " + m.group(2);
                counts.computeIfAbsent(key, k -> new int[1])[0]++;
                first.putIfAbsent(key, m.group(3));
            }
        }
        List<String> digest = new ArrayList<>();
        counts.forEach((key, count) -> digest.add(String.format("%s x%,d, first: %s", key, count[0], first.get(key))));
        return digest;
    }
}

package io.rocketcamel.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's delay levels ({@code messageDelayLevel}), validated up front: the broker itself silently skips a
 * level it cannot parse and then delivers messages of that level immediately.
 */
public final class DelayLevels {

    /** The 18 levels RocketMQ ships with (level 1 = 1 s ... level 18 = 2 h). */
    public static final String DEFAULT = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    private static final Pattern LEVEL = Pattern.compile("(\\d+)([smhd])");

    private final String spec;
    private final List<Duration> levels;

    private DelayLevels(String spec, List<Duration> levels) {
        this.spec = spec;
        this.levels = List.copyOf(levels);
    }

    /**
     * @param spec space-separated durations, each a whole number followed by s, m, h or d (for example
     *             {@code "1s 5s 10s"})
     * @throws IllegalArgumentException naming the token that is not a valid level
     */
    public static DelayLevels parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("Invalid delay levels '" + spec
                    + "': expected space-separated durations such as '" + DEFAULT + "'");
        }
        List<Duration> levels = new ArrayList<>();
        for (String token : spec.trim().split("\\s+")) {
            Matcher m = LEVEL.matcher(token);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new IllegalArgumentException("Invalid delay level '" + token + "' (level " + (levels.size() + 1)
                        + ") in '" + spec + "': each level is a positive whole number followed by s, m, h or d, e.g. 5s, 2m, 1h");
            }
            levels.add(toDuration(Long.parseLong(m.group(1)), m.group(2).charAt(0)));
        }
        return new DelayLevels(spec.trim().replaceAll("\\s+", " "), levels);
    }

    private static Duration toDuration(long amount, char unit) {
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The level string as the broker's {@code messageDelayLevel} takes it. */
    public String spec() {
        return spec;
    }

    public int count() {
        return levels.size();
    }

    /** @param level 1-based, as in {@code Message.setDelayTimeLevel} */
    public Duration delayOf(int level) {
        if (level < 1 || level > levels.size()) {
            throw new IllegalArgumentException("Delay level " + level + " is out of range: valid levels are 1.."
                    + levels.size() + " (" + spec + ")");
        }
        return levels.get(level - 1);
    }

    @Override
    public String toString() {
        return spec;
    }
}

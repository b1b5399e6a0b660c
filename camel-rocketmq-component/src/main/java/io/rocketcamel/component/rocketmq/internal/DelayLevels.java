package io.rocketcamel.component.rocketmq.internal;

/**
 * Reads a delay level a route put in a header. Through Camel's converters, 2.7 was level 2, a long beyond an int's
 * range wrapped round to a small level, and a text that is no number failed as a TypeConversionException.
 */
public final class DelayLevels {

    private DelayLevels() {
    }

    /** The header's value as a level from 0 to {@code max}, or null when it is none. */
    public static Integer level(Object value, int max) {
        Integer level = wholeNumber(value);
        return level == null || level < 0 || level > max ? null : level;
    }

    private static Integer wholeNumber(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue() == number.intValue() ? number.intValue() : null;
        }
        try {
            return Integer.valueOf(value.toString().trim());
        } catch (NumberFormatException notAWholeNumber) {
            return null;
        }
    }
}

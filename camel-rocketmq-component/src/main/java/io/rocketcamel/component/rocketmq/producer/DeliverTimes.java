package io.rocketcamel.component.rocketmq.producer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;

import io.rocketcamel.component.rocketmq.RocketMQConstants;

/**
 * The CamelRocketMQDeliverTime header as epoch milliseconds. Camel's converters turned an Instant or an OffsetDateTime
 * into no value, so the header was ignored and the message delivered at once; and a time in epoch seconds reads as a
 * day of January 1970, also delivered at once.
 */
final class DeliverTimes {

    /** 2001-09-09 in epoch milliseconds: an earlier value is taken for epoch seconds, or no time at all. */
    private static final long EARLIEST_MILLIS = 1_000_000_000_000L;

    private DeliverTimes() {
    }

    static long epochMillis(Object value) {
        long millis;
        if (value instanceof Number number) {
            millis = number.longValue();
        } else if (value instanceof Date date) {
            millis = date.getTime();
        } else if (value instanceof TemporalAccessor time && time.isSupported(ChronoField.INSTANT_SECONDS)) {
            millis = Instant.from(time).toEpochMilli();
        } else if (value instanceof String text) {
            millis = parse(text.trim());
        } else {
            throw notATime(value, "a " + value.getClass().getName());
        }
        if (millis < EARLIEST_MILLIS) {
            throw notATime(value, Instant.ofEpochMilli(millis) + " read as epoch milliseconds");
        }
        return millis;
    }

    private static long parse(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException notAnInstant) {
                throw notATime(text, "neither a number nor an ISO-8601 instant");
            }
        }
    }

    private static UnsendableMessageException notATime(Object value, String what) {
        return new UnsendableMessageException("Header " + RocketMQConstants.DELIVER_TIME + "=" + value + " is " + what
                                              + ": it takes a time in epoch milliseconds (a number), or a Date, an Instant,"
                                              + " a date-time with an offset or zone, or an ISO-8601 instant text");
    }
}

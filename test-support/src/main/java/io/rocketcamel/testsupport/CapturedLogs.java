package io.rocketcamel.testsupport;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** What a logger (and the loggers under it) logged while this was open, for a test to assert on. */
public final class CapturedLogs implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Everything the application logs. */
    public CapturedLogs() {
        this(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    public CapturedLogs(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    public CapturedLogs(Class<?> loggingClass) {
        this(loggingClass.getName());
    }

    /** Every event so far; safe while other threads log (the appender appends under its own lock). */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    public List<ILoggingEvent> warnings() {
        return events().stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    /** The formatted messages of the events at that level. */
    public List<String> messages(Level level) {
        return events().stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}

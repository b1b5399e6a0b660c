package io.rocketcamel.examples.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress lines of the demo, prefixed with the pattern they belong to. */
public class DemoConsole {

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    private final String pattern;

    public DemoConsole(String pattern) {
        this.pattern = pattern;
    }

    public void stage(String format, Object... args) {
        LOG.info("[{}] {}", pattern, String.format(format, args));
    }
}

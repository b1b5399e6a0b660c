package io.rocketcamel.broker;

import java.nio.file.Path;

/**
 * Directs RocketMQ's internal logging (see {@code rmq.logback.xml}) away from {@code ~/logs/rocketmqlogs}. Its
 * logback reads the directory once, when the first RocketMQ class logs, so the first broker started in a JVM picks
 * it; a user-set {@value #LOG_DIR_PROPERTY} always wins.
 */
final class Logs {

    static final String LOG_DIR_PROPERTY = "rocketcamel.rocketmq.log.dir";

    private Logs() {
    }

    static synchronized void directTo(Path dir) {
        if (System.getProperty(LOG_DIR_PROPERTY) == null) {
            System.setProperty(LOG_DIR_PROPERTY, dir.toString());
        }
    }

    static Path file() {
        String dir = System.getProperty(LOG_DIR_PROPERTY, System.getProperty("java.io.tmpdir") + "/rocketcamel-rocketmq-logs");
        return Path.of(dir, "rocketmq.log");
    }
}

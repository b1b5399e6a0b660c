package io.rocketcamel.broker;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Directs RocketMQ's internal logging (see {@code rmq.logback.xml}) away from {@code ~/logs/rocketmqlogs}. Its
 * logback reads the directory once, when the first RocketMQ class logs, so the first broker started in a JVM picks
 * it for the JVM: {@code <store>/logs} for a kept store, which its user keeps; for a temporary store a
 * {@code rocketcamel-logs-*} directory of the JVM's own ({@link TemporaryStores}), since the store, and a log in it,
 * is deleted on close while later brokers still log, and on a failed start before its error names the log. A
 * user-set {@value #LOG_DIR_PROPERTY} always wins.
 */
final class Logs {

    static final String LOG_DIR_PROPERTY = "rocketcamel.rocketmq.log.dir";

    private Logs() {
    }

    static synchronized void directTo(StoreDirectory store) {
        if (System.getProperty(LOG_DIR_PROPERTY) != null) {
            return;
        }
        Path dir;
        try {
            dir = store.temporary() ? TemporaryStores.createLogDirectory() : store.resolve("logs");
        } catch (IOException e) {
            throw new EmbeddedBrokerException("Cannot create a log directory under " + System.getProperty("java.io.tmpdir")
                    + ": " + e.getMessage(), e);
        }
        System.setProperty(LOG_DIR_PROPERTY, dir.toString());
    }

    static Path file() {
        String dir = System.getProperty(LOG_DIR_PROPERTY, System.getProperty("java.io.tmpdir") + "/rocketcamel-rocketmq-logs");
        return Path.of(dir, "rocketmq.log");
    }
}

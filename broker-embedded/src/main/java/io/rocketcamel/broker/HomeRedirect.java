package io.rocketcamel.broker;

import java.nio.file.Path;
import org.apache.rocketmq.broker.BrokerController;

/**
 * RocketMQ 5.5 puts RocksDB's LOG files in {@code ${user.home}/logs/rocketmqlogs}, read from the system property
 * while the store opens its RocksDB instance, with no setting to change it. The broker's initialization is the only
 * time that happens, so {@code user.home} points into the store for exactly that call.
 */
final class HomeRedirect {

    private HomeRedirect() {
    }

    static synchronized boolean initialize(BrokerController controller, Path storeRoot) throws Exception {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", storeRoot.toString());
        try {
            return controller.initialize();
        } finally {
            System.setProperty("user.home", home);
        }
    }
}

package io.rocketcamel.broker;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * RocketMQ 5.5 puts RocksDB's LOG files in {@code ${user.home}/logs/rocketmqlogs}, read from the system property
 * whenever it opens a RocksDB instance, with no setting to change it. It opens them while the broker is constructed
 * (the ACL user store) and initialized (the store's indexes), so {@code user.home} points into the store for exactly
 * those calls.
 */
final class HomeRedirect {

    private HomeRedirect() {
    }

    static synchronized <T> T call(Path storeRoot, Callable<T> work) throws Exception {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", storeRoot.toString());
        try {
            return work.call();
        } finally {
            System.setProperty("user.home", home);
        }
    }
}

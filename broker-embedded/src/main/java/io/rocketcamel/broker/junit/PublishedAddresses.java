package io.rocketcamel.broker.junit;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The name server address each running test class published in {@link EmbeddedRocketMQBroker#NAMESRV_ADDR_PROPERTY},
 * one property for the whole JVM. The property names the latest class's broker still running, and goes back to what it
 * was before the first class only once the last has ended: a class restoring what it found when it began cleared the
 * address under a class run in parallel that still ran, and left a nested class's closed broker behind it. (Classes
 * with brokers of their own run in parallel still share one property: inject the broker there.)
 */
final class PublishedAddresses {

    /** By class, in the order the classes began; guarded by the class. */
    private static final Map<String, String> RUNNING = new LinkedHashMap<>();
    /** The property's value before the first running class published, null when it was unset. */
    private static String before;

    private PublishedAddresses() {
    }

    static synchronized void publish(String classId, String address) {
        if (RUNNING.isEmpty()) {
            before = System.getProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY);
        }
        RUNNING.put(classId, address);
        System.setProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY, address);
    }

    static synchronized void withdraw(String classId) {
        if (RUNNING.remove(classId) == null) {
            return; // its beforeAll published nothing
        }
        String latest = RUNNING.values().stream().reduce((first, second) -> second).orElse(before);
        if (latest == null) {
            System.clearProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY);
        } else {
            System.setProperty(EmbeddedRocketMQBroker.NAMESRV_ADDR_PROPERTY, latest);
        }
    }
}

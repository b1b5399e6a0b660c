package io.rocketcamel.component.rocketmq.console;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The brokers that did not answer within one page or request of the consoles. One that did not answer at all is not
 * asked again within it, so a hung broker costs the page one timeout, not one per group or message; one that answered
 * with an error is named too, but asked again: it may answer the next question.
 */
public final class UnansweredBrokers {

    private record Silent(String brokerName, String reason) {
    }

    /** Brokers that did not answer at all. */
    private final Map<String, Silent> byAddress = new ConcurrentHashMap<>();
    /** Brokers that answered an error, by name. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    /** Why the broker at the address did not answer earlier within this page; {@code null} when it did. */
    public String earlier(String address) {
        Silent silent = byAddress.get(address);
        return silent == null ? null : silent.reason();
    }

    /**
     * A broker that did not answer (a timeout, a connection refused or closed): not asked again within the page.
     *
     * @return the reason as the page shows it: "at 127.0.0.1:10911: no answer within 3000 ms"
     */
    public String record(String brokerName, String address, String why) {
        return byAddress.computeIfAbsent(address, a -> new Silent(brokerName, "at " + address + ": " + why)).reason();
    }

    /**
     * A broker that answered an error, or could not be asked (no address known).
     *
     * @return the reason as the page shows it
     */
    public String refused(String brokerName, String address, String why) {
        String reason = (address == null ? "" : "at " + address + ": ") + why;
        refused.putIfAbsent(brokerName, reason);
        return reason;
    }

    /** Every broker that did not answer within this page, by name: why. */
    public Map<String, String> byName() {
        Map<String, String> names = new TreeMap<>(refused);
        byAddress.values().forEach(silent -> names.put(silent.brokerName(), silent.reason()));
        return names;
    }

    /** As an operator reads it: "broker-b (at 127.0.0.1:10911: no answer within 3000 ms) did not answer". */
    public static String describe(Map<String, String> unanswered) {
        return unanswered.entrySet().stream().map(broker -> broker.getKey() + " (" + broker.getValue() + ")")
                .collect(Collectors.joining(", ", "", " did not answer"));
    }
}

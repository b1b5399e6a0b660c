package io.rocketcamel.component.rocketmq.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/**
 * The brokers refusing one kind of call, with the last refusal: a refusal repeated is a state an administrator must
 * change, a single one may be a broker that just restarted. A broker's first answer clears it.
 */
final class RepeatedRefusals {

    private record Refusal(int times, String error) {
    }

    private final Map<String, Refusal> byBroker = new ConcurrentHashMap<>();

    void refused(String broker, RemotingCommand response) {
        Refusal refusal = new Refusal(1, "CODE " + response.getCode() + ": " + response.getRemark());
        byBroker.merge(broker, refusal, (earlier, now) -> new Refusal(earlier.times() + 1, now.error()));
    }

    void answered(String broker) {
        byBroker.remove(broker);
    }

    /** The brokers that refused at least twice in a row, with their last refusal. */
    Map<String, String> repeated() {
        return byBroker.entrySet().stream().filter(entry -> entry.getValue().times() > 1)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().error()));
    }
}

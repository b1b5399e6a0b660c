package io.rocketcamel.broker;

import java.util.List;
import org.apache.rocketmq.store.config.BrokerRole;

/**
 * The cluster layouts a user moves between, each started in one JVM by {@code builder().cluster(layout)} or node by
 * node, one process each, by the standalone runner ({@code docs/cluster-layouts.md}).
 */
public enum Layout {

    /** One master: the development default. */
    ONE_MASTER(List.of(NodeSpec.master("broker-a", BrokerRole.ASYNC_MASTER))),

    /** Two masters: a topic's queues spread over both, and senders fail over to the survivor when one stops. */
    TWO_MASTERS(List.of(NodeSpec.master("broker-a", BrokerRole.ASYNC_MASTER),
            NodeSpec.master("broker-b", BrokerRole.ASYNC_MASTER))),

    /**
     * RocketMQ's classic "2m-2s-sync": two SYNC_MASTERs, each with a SLAVE (broker id 1) that holds a copy of every
     * acknowledged message, and from which consumers read while its master is down. A SYNC_MASTER here really waits
     * for the slave's copy before it acknowledges (see {@link BrokerRole#SYNC_MASTER} handling in the builder).
     */
    TWO_MASTERS_TWO_SLAVES_SYNC(List.of(
            NodeSpec.master("broker-a", BrokerRole.SYNC_MASTER),
            NodeSpec.master("broker-b", BrokerRole.SYNC_MASTER),
            NodeSpec.slave("broker-a", 1),
            NodeSpec.slave("broker-b", 1)));

    private final List<NodeSpec> nodes;

    Layout(List<NodeSpec> nodes) {
        this.nodes = nodes;
    }

    List<NodeSpec> nodes() {
        return nodes;
    }

    /** @return the layout of a runner {@code --layout} value: one-master, two-masters or 2m-2s-sync */
    static Layout parse(String option, String value) {
        return switch (value.toLowerCase()) {
            case "one-master" -> ONE_MASTER;
            case "two-masters", "2m" -> TWO_MASTERS;
            case "2m-2s-sync" -> TWO_MASTERS_TWO_SLAVES_SYNC;
            default -> throw new IllegalArgumentException(option + " must be one of one-master, two-masters, 2m-2s-sync, was '"
                    + value + "'");
        };
    }
}

package io.rocketcamel.broker;

import org.apache.rocketmq.store.config.BrokerRole;

/**
 * A broker of a started {@link EmbeddedRocketMQBroker}: {@code toString()} is the runner's ready-line token
 * {@code broker-a:0:SYNC_MASTER@127.0.0.1:10911} (name, broker id, role, address).
 */
public record RunningBroker(String brokerName, long brokerId, BrokerRole role, String address) {

    public boolean isMaster() {
        return role != BrokerRole.SLAVE;
    }

    /** Reads a ready-line token back: {@code broker-a:0:SYNC_MASTER@127.0.0.1:10911}. */
    public static RunningBroker parse(String token) {
        String[] at = token.split("@", 2);
        String[] parts = at[0].split(":");
        if (at.length != 2 || parts.length != 3) {
            throw new IllegalArgumentException("Not a broker token (name:brokerId:role@host:port): '" + token + "'");
        }
        return new RunningBroker(parts[0], Long.parseLong(parts[1]), BrokerRole.valueOf(parts[2]), at[1]);
    }

    @Override
    public String toString() {
        return brokerName + ":" + brokerId + ":" + role + "@" + address;
    }
}

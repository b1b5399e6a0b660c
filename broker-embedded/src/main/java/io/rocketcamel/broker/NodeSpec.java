package io.rocketcamel.broker;

import org.apache.rocketmq.store.config.BrokerRole;

/**
 * One broker of a layout: masters have broker id 0, slaves 1 and up under the same broker name. Validated when it is
 * created, so a slave with id 0 or a master with id 1 never reaches RocketMQ (which would accept both and then
 * register two masters, or none).
 */
record NodeSpec(String brokerName, long brokerId, BrokerRole role) {

    NodeSpec {
        if (brokerName == null || !brokerName.matches("[a-zA-Z0-9_-]{1,127}")) {
            throw new IllegalArgumentException("Invalid broker name '" + brokerName
                    + "': 1-127 characters of letters, digits, '-' or '_'");
        }
        if (role == null) {
            throw new IllegalArgumentException("Broker " + brokerName + " needs a role: ASYNC_MASTER, SYNC_MASTER or SLAVE");
        }
        if (role == BrokerRole.SLAVE && brokerId < 1) {
            throw new IllegalArgumentException("Broker " + brokerName + ": a SLAVE needs broker id 1 or more, was "
                    + brokerId + " (0 is the master's id)");
        }
        if (role != BrokerRole.SLAVE && brokerId != 0) {
            throw new IllegalArgumentException("Broker " + brokerName + ": a " + role + " has broker id 0, was " + brokerId
                    + " (ids 1 and up are slaves)");
        }
    }

    static NodeSpec master(String brokerName, BrokerRole role) {
        return new NodeSpec(brokerName, 0, role);
    }

    static NodeSpec slave(String brokerName, long brokerId) {
        return new NodeSpec(brokerName, brokerId, BrokerRole.SLAVE);
    }

    boolean isMaster() {
        return role != BrokerRole.SLAVE;
    }

    /** Unique within a cluster: the broker name for a master, name-s{id} for a slave; also its store directory. */
    String key() {
        return isMaster() ? brokerName : brokerName + "-s" + brokerId;
    }

    /** The role for a broker id when none is given: 0 is an asynchronous master, anything else a slave. */
    static BrokerRole defaultRole(long brokerId) {
        return brokerId == 0 ? BrokerRole.ASYNC_MASTER : BrokerRole.SLAVE;
    }
}

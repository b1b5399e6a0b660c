package io.rocketcamel.component.rocketmq.saga;

import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.remoting.RPCHook;

/**
 * What the saga service's producer and consumer share: the cluster, the credentials and the instance name.
 *
 * @param namespace    null for none
 * @param accessKey    null when the cluster has no ACL
 * @param instanceName the client instance name; RocketMQ keeps one client per host and instance name
 * @param useTls       the rocketmq component's useTls: a cluster that accepts TLS only refuses plain connections
 */
record SagaClients(String namesrvAddr, String namespace, String accessKey, String secretKey, String instanceName,
                   boolean useTls) {

    /** Heartbeats every 2 s: a new ORDERLY consumer otherwise waits up to 30 s for its first queue locks. */
    private static final int HEARTBEAT_MILLIS = 2000;

    RPCHook rpcHook() {
        return accessKey == null ? null : new AclClientRPCHook(new SessionCredentials(accessKey, secretKey));
    }

    @SuppressWarnings("deprecation") // setNamespace is the remoting protocol's namespace (names prefixed "ns%")
    <C extends ClientConfig> C configure(C client) {
        client.setNamesrvAddr(namesrvAddr);
        if (namespace != null) {
            client.setNamespace(namespace);
        }
        client.setInstanceName(instanceName);
        client.setUseTLS(useTls);
        client.setHeartbeatBrokerInterval(HEARTBEAT_MILLIS);
        return client;
    }
}

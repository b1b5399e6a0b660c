package io.rocketcamel.component.rocketmq.internal;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.apache.rocketmq.remoting.protocol.NamespaceUtil;

/**
 * Topic and group names as the brokers know them: prefixed with the endpoint's namespace, as the client itself does
 * for every name it sends. Code that talks to the broker past the client's own API (batches packed here, offset
 * queries, admin calls) must prefix the same way.
 */
public final class Namespaces {

    private Namespaces() {
    }

    public static String wrap(RocketMQConfiguration configuration, String resource) {
        return wrap(configuration.getNamespace(), resource);
    }

    public static String wrap(String namespace, String resource) {
        return namespace == null || namespace.isEmpty() ? resource : NamespaceUtil.wrapNamespace(namespace, resource);
    }
}

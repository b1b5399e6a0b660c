package io.rocketcamel.benchmarks.peers;

import java.util.LinkedHashMap;
import java.util.Map;

import io.rocketcamel.benchmarks.BrokerStore;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * Every peer for one broker, by id. Both Camel components share one CamelContext. Both jars ship META-INF/services
 * files under the same names (component {@code rocketmq}, configurers {@code rocketmq-component} /
 * {@code rocketmq-endpoint}), and Camel looks a component's configurers up by its annotated name, not by its class:
 * whichever jar comes first on the classpath would bind the other one's options and fail with a ClassCastException.
 * So each component is registered by instance, Apache's with its own generated configurers pinned.
 */
public final class Peers implements AutoCloseable {

    private final CamelContext camel = new DefaultCamelContext();
    private final Map<String, Peer> byId = new LinkedHashMap<>();

    public Peers(BrokerStore store) {
        camel.addComponent(RocketCamelPeer.SCHEME, new io.rocketcamel.component.rocketmq.RocketMQComponent());
        camel.addComponent(ApacheCamelPeer.SCHEME, new Apache());
        camel.start();
        for (Peer peer : new Peer[] {new PlainLoopPeer(store), new RawClientPeer(store), new RoutedRawClientPeer(store, camel),
                new RocketCamelPeer(store, camel),
                new ApacheCamelPeer(store, camel, true), new ApacheCamelPeer(store, camel, false)}) {
            byId.put(peer.id(), peer);
        }
    }

    public Peer get(String id) {
        Peer peer = byId.get(id);
        if (peer == null) {
            throw new IllegalArgumentException("Unknown peer '" + id + "' in workloads.json; known: " + byId.keySet());
        }
        return peer;
    }

    CamelContext camel() {
        return camel;
    }

    private static final class Apache extends org.apache.camel.component.rocketmq.RocketMQComponent {
        private static final PropertyConfigurer COMPONENT = new org.apache.camel.component.rocketmq.RocketMQComponentConfigurer();
        private static final PropertyConfigurer ENDPOINT = new org.apache.camel.component.rocketmq.RocketMQEndpointConfigurer();

        @Override
        public PropertyConfigurer getComponentPropertyConfigurer() {
            return COMPONENT;
        }

        @Override
        public PropertyConfigurer getEndpointPropertyConfigurer() {
            return ENDPOINT;
        }
    }

    @Override
    public void close() {
        camel.stop();
    }
}

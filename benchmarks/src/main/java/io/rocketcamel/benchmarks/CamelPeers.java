package io.rocketcamel.benchmarks;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * One CamelContext holding both components. Both jars ship META-INF/services files under the same names (component
 * {@code rocketmq}, configurers {@code rocketmq-component} / {@code rocketmq-endpoint}), and Camel looks a
 * component's configurers up by its annotated name, not by its class: whichever jar comes first on the classpath would
 * bind the other one's options and fail with a ClassCastException. So each component is registered by instance with
 * its own generated configurers pinned, and {@link #endpoint(String, Class)} refuses an endpoint of the wrong class.
 */
final class CamelPeers implements AutoCloseable {

    static final String OURS = "rocketmq";
    static final String APACHE = "apache-rocketmq";

    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template;

    CamelPeers() {
        // ours pins its own configurers; Apache's component is given its own below, as it does not
        context.addComponent(OURS, new io.rocketcamel.component.rocketmq.RocketMQComponent());
        context.addComponent(APACHE, new Apache());
        context.start();
        template = context.createProducerTemplate();
    }

    CamelContext context() {
        return context;
    }

    ProducerTemplate template() {
        return template;
    }

    <E extends Endpoint> E endpoint(String uri, Class<E> expected) {
        Endpoint endpoint = context.getEndpoint(uri);
        if (!expected.isInstance(endpoint)) {
            throw new IllegalStateException(uri + " resolved to " + endpoint.getClass().getName() + ", not " + expected.getName());
        }
        return expected.cast(endpoint);
    }

    private static final class Apache extends org.apache.camel.component.rocketmq.RocketMQComponent {
        private static final PropertyConfigurer COMPONENT = new org.apache.camel.component.rocketmq.RocketMQComponentConfigurer();
        private static final PropertyConfigurer ENDPOINT = new org.apache.camel.component.rocketmq.RocketMQEndpointConfigurer();
        @Override public PropertyConfigurer getComponentPropertyConfigurer() { return COMPONENT; }
        @Override public PropertyConfigurer getEndpointPropertyConfigurer() { return ENDPOINT; }
    }

    @Override
    public void close() {
        context.stop();
    }
}

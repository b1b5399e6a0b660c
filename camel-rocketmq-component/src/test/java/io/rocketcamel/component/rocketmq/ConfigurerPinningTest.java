package io.rocketcamel.component.rocketmq;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apache's camel-rocketmq registers its configurers under the same names as ours ({@code rocketmq-endpoint},
 * {@code rocketmq-component}); with both jars on a classpath Camel may find the other's first. Here a class loader
 * that finds a foreign registration first stands in for that jar.
 */
class ConfigurerPinningTest {

    static final AtomicInteger FOREIGN_CALLS = new AtomicInteger();

    /** What Apache's configurer would do to our endpoint: not know it (theirs casts it and fails). */
    public static class ForeignConfigurer implements PropertyConfigurer {
        @Override
        public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
            FOREIGN_CALLS.incrementAndGet();
            throw new ClassCastException(target.getClass().getName() + " is not the foreign component's class");
        }
    }

    @Test
    void optionsBindThroughOurConfigurersWhenAnotherJarRegistersTheSameNames(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services/org/apache/camel/configurer"));
        for (String name : new String[] {"rocketmq-endpoint", "rocketmq-component"}) {
            Files.writeString(services.resolve(name), "class=" + ForeignConfigurer.class.getName() + "\n");
        }
        try (URLClassLoader foreignFirst = new ForeignFirst(dir.toUri().toURL(), getClass().getClassLoader());
             DefaultCamelContext context = new DefaultCamelContext()) {
            context.setApplicationContextClassLoader(foreignFirst);
            assertThat(PluginHelper.getConfigurerResolver(context).resolvePropertyConfigurer("rocketmq-endpoint", context))
                    .as("the foreign registration is what Camel finds by name").isInstanceOf(ForeignConfigurer.class);

            context.start();
            RocketMQComponent component = context.getComponent("rocketmq", RocketMQComponent.class);
            // as camel-main and Spring Boot bind component options: through the component's own configurer
            PropertyBindingSupport.build().withReflection(false).withConfigurer(component.getComponentPropertyConfigurer())
                    .bind(context, component, "namesrvAddr", "10.0.0.9:9876");
            RocketMQEndpoint endpoint = context.getEndpoint("rocketmq:orders?tags=ERROR&sendMode=ASYNC&delayLevel=3",
                    RocketMQEndpoint.class);

            assertThat(endpoint.getConfiguration().getNamesrvAddr()).isEqualTo("10.0.0.9:9876");
            assertThat(endpoint.getConfiguration().getTags()).isEqualTo("ERROR");
            assertThat(endpoint.getConfiguration().getSendMode()).isEqualTo(SendMode.ASYNC);
            assertThat(endpoint.getConfiguration().getDelayLevel()).isEqualTo(3);
            assertThat(FOREIGN_CALLS).hasValue(0);
        }
    }

    /** Looks for resources in its own URL before its parent, as a jar earlier on the classpath would be found. */
    private static final class ForeignFirst extends URLClassLoader {

        ForeignFirst(URL url, ClassLoader parent) {
            super(new URL[] {url}, parent);
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            URL own = findResource(name);
            return own != null ? Collections.enumeration(Collections.singletonList(own)) : super.getResources(name);
        }
    }
}

package io.rocketcamel.component.rocketmq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YAML DSL example of docs/rocketmq-component.md loads as routes, and its rocketmq endpoints accept their options.
 */
class DocumentationYamlExamplesTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("(?s)```yaml\n(.*?)```");

    @Test
    void yamlExamplesLoadAndTheirEndpointsResolve() throws Exception {
        List<String> examples = YAML_BLOCK.matcher(Files.readString(Path.of("../docs/rocketmq-component.md"))).results()
                .map(m -> m.group(1)).toList();
        assertThat(examples).hasSizeGreaterThan(10);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            for (int i = 0; i < examples.size(); i++) {
                PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("example-" + i + ".yaml", examples.get(i)));
            }
            context.getRouteDefinitions().forEach(route -> {
                String uri = route.getInput().getEndpointUri();
                if (uri.startsWith("rocketmq:")) {
                    assertThat(context.getEndpoint(uri)).as(uri).isInstanceOf(RocketMQEndpoint.class);
                }
            });
            assertThat(context.getRouteDefinitions()).hasSizeGreaterThanOrEqualTo(examples.size());
        }
    }
}

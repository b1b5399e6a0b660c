package io.rocketcamel.starter;

import io.rocketcamel.testsupport.ComponentCatalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;


import org.junit.jupiter.api.Test;

/**
 * {@link RocketMQComponentConfiguration} is the catalog's rendering, so the starter has exactly the component's options
 * with their types, defaults and descriptions, and never falls behind. After changing an option, rewrite it with
 * {@code mvn -pl camel-rocketmq-component,starter verify -Drocketcamel.generate=true}.
 */
class RocketMQComponentConfigurationTest {

    private static final Path SOURCE = Path.of("src/main/java/io/rocketcamel/starter/RocketMQComponentConfiguration.java");

    @Test
    void theConfigurationClassIsTheCatalogsRendering() throws Exception {
        String expected = ComponentConfigurationSource.render(ComponentCatalog.componentOptions());
        if (Boolean.getBoolean("rocketcamel.generate")) {
            Files.writeString(SOURCE, expected);
        }
        assertThat(Files.readString(SOURCE)).as(SOURCE + " (rewrite it with -Drocketcamel.generate=true)")
                .isEqualTo(expected);
        assertThat(ComponentCatalog.componentOptions()).hasSizeGreaterThan(40);
    }

    @Test
    void everyPropertyHasItsDescriptionForTheIde() {
        Map<String, Map<String, Object>> properties = StarterMetadata.properties();
        for (String option : ComponentCatalog.componentOptions().keySet()) {
            Map<String, Object> property = properties.get(StarterMetadata.property(option));
            assertThat(property).as(option).isNotNull();
            assertThat(StarterMetadata.text(property, "description")).as(option).isNotBlank();
        }
    }
}

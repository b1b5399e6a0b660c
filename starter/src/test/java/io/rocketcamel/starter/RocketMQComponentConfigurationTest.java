package io.rocketcamel.starter;

import io.rocketcamel.testsupport.ComponentCatalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


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

    /**
     * An IDE flags a deprecated property and offers what to use instead only from the metadata's deprecation entry:
     * it held no reason and no replacement, so a user of subscribe-tags saw it struck through and nothing more.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyDeprecatedPropertyGivesTheIdeItsReasonAndReplacement() {
        Map<String, Map<String, Object>> properties = StarterMetadata.properties();
        int replaced = 0;
        for (Map.Entry<String, Map<String, Object>> option : ComponentCatalog.componentOptions().entrySet()) {
            if (!Boolean.TRUE.equals(option.getValue().get("deprecated"))) {
                continue;
            }
            String note = StarterMetadata.text(option.getValue(), "deprecationNote");
            String property = StarterMetadata.property(option.getKey());
            Map<String, Object> deprecation = (Map<String, Object>) properties.get(property).get("deprecation");
            assertThat(deprecation).as(option.getKey()).isNotNull();
            assertThat(StarterMetadata.text(deprecation, "reason")).as(option.getKey()).isEqualTo(note);
            Matcher use = Pattern.compile("Use (\\w+)[.,]").matcher(note);
            if (use.lookingAt()) {
                assertThat(StarterMetadata.text(deprecation, "replacement")).as(option.getKey())
                        .isEqualTo(StarterMetadata.property(use.group(1)));
                replaced++;
            }
        }
        assertThat(replaced).as("options whose note names the option to use").isGreaterThanOrEqualTo(7);
    }
}

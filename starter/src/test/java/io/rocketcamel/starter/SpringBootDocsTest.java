package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rocketcamel.starter.console.ConsoleProperties;
import org.junit.jupiter.api.Test;

/**
 * The property tables of docs/spring-boot.md are rendered from the metadata the configuration processor generates for
 * this module (whose component descriptions come from the component's catalog), so the guide cannot fall behind or
 * paraphrase the code. Rewrite them with {@code mvn -pl starter test -Dtest=SpringBootDocsTest -Drocketcamel.generate=true}.
 */
class SpringBootDocsTest {

    private static final Path DOC = Path.of("..", "docs", "spring-boot.md");

    @Test
    void thePropertyTablesAreTheMetadatasRendering() throws Exception {
        String doc = Files.readString(DOC);
        String expected = doc;
        for (String prefix : new String[] { RocketMQComponentConfiguration.PREFIX, EmbeddedBrokerProperties.PREFIX,
            ConsoleProperties.PREFIX }) {
            expected = replaceTable(expected, prefix, table(prefix));
        }
        if (Boolean.getBoolean("rocketcamel.generate")) {
            Files.writeString(DOC, expected);
        }
        assertThat(doc).as(DOC + " (rewrite it with -Drocketcamel.generate=true)").isEqualTo(expected);
        assertThat(doc).contains("`camel.component.rocketmq.health-check-consumer-enabled`", "`rocketcamel.metrics.enabled`");
    }

    @Test
    void everyPropertyIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        assertThat(StarterMetadata.properties().keySet()).allSatisfy(name -> assertThat(doc)
                .as("%s in %s", name, DOC).contains("`" + name + "`"));
    }

    private static String table(String prefix) {
        Map<String, Map<String, Object>> properties = new TreeMap<>();
        StarterMetadata.properties().forEach((name, property) -> {
            if (name.startsWith(prefix + ".")) {
                properties.put(name, property);
            }
        });
        StringBuilder table = new StringBuilder("| Property | Type | Default | Description |\n|---|---|---|---|\n");
        properties.forEach((name, property) -> table.append("| `").append(name).append("` | ")
                .append(simpleType(StarterMetadata.text(property, "type"))).append(" | ")
                .append(property.get("defaultValue") != null ? "`" + StarterMetadata.text(property, "defaultValue") + "`" : "")
                .append(" | ").append(StarterMetadata.text(property, "description").replace("|", "\\|").replace("\n", " "))
                .append(" |\n"));
        return table.toString();
    }

    /** java.util.Map&lt;java.lang.String,java.lang.Integer&gt; as Map&lt;String,Integer&gt;, escaped for Markdown. */
    private static String simpleType(String type) {
        return type.replaceAll("[a-z][\\w]*\\.", "").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The table whose first row names a property of the prefix. */
    private static String replaceTable(String doc, String prefix, String table) {
        Pattern pattern = Pattern.compile("\\| Property \\| Type \\| Default \\| Description \\|\n\\|---\\|---\\|---\\|---\\|\n"
                                          + "\\| `" + Pattern.quote(prefix) + "\\.[^\n]*\n(?:\\|[^\n]*\n)*");
        Matcher matcher = pattern.matcher(doc);
        assertThat(matcher.find()).as("the table of %s in %s", prefix, DOC).isTrue();
        return doc.substring(0, matcher.start()) + table + doc.substring(matcher.end());
    }
}

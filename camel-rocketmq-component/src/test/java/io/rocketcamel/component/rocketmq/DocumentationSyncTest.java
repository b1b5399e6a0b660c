package io.rocketcamel.component.rocketmq;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options and headers in docs/rocketmq-component.md are those of the generated catalog, with the same defaults
 * and enum values.
 */
class DocumentationSyncTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|(.*)$", Pattern.MULTILINE);

    @Test
    void docListsEveryOptionAndHeaderOfTheCatalogAndNothingElse() throws Exception {
        JsonObject catalog;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/rocketcamel/component/rocketmq/rocketmq.json")) {
            catalog = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String doc = Files.readString(Path.of("docs/rocketmq-component.md"));
        Map<String, String> rows = ROW.matcher(doc).results()
                .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> a + b));

        JsonObject component = catalog.getMap("componentProperties");
        JsonObject endpoint = catalog.getMap("properties");
        JsonObject headers = catalog.getMap("headers");
        for (JsonObject properties : new JsonObject[] { component, endpoint }) {
            properties.forEach((name, value) -> {
                JsonObject option = (JsonObject) value;
                assertThat(rows).as("doc row of option %s", name).containsKey(name);
                assertThat(rows.get(name)).as("doc row of option %s", name).contains(option.getString("description")
                        .replace("|", "\\|"));
                if (option.containsKey("defaultValue")) {
                    assertThat(rows.get(name)).as("default of %s", name).contains("`" + option.get("defaultValue") + "`");
                }
                if (option.containsKey("enum")) {
                    assertThat(rows.get(name)).as("values of %s", name)
                            .contains(String.join(", ", option.getCollection("enum").stream().map(Object::toString).toList()));
                }
            });
        }
        headers.forEach((name, value) -> assertThat(rows).as("doc row of header %s", name).containsKey(name));

        Set<String> known = new java.util.HashSet<>(component.keySet());
        known.addAll(endpoint.keySet());
        known.addAll(headers.keySet());
        assertThat(rows.keySet()).as("rows that the catalog does not have").isSubsetOf(known);
    }

    @Test
    void docHasAJavaAndAYamlExamplePerFeature() throws Exception {
        String doc = Files.readString(Path.of("docs/rocketmq-component.md"));
        String examples = doc.substring(doc.indexOf("## Examples"));
        for (String section : examples.split("\n### ")) {
            if (section.startsWith("## Examples")) {
                continue;
            }
            Matcher title = Pattern.compile("^(.*)$", Pattern.MULTILINE).matcher(section);
            title.find();
            assertThat(section).as(title.group(1)).contains("```java").contains("```yaml");
        }
    }
}

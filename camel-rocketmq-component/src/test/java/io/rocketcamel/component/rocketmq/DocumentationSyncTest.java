package io.rocketcamel.component.rocketmq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.rocketcamel.testsupport.ComponentCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option and header tables of docs/rocketmq-component.md are rendered from the generated catalog
 * ({@code rocketmq.json}). After changing an option, rewrite them with
 * {@code mvn -pl camel-rocketmq-component test -Dtest=DocumentationSyncTest -Drocketmq.docs.update=true}.
 */
class DocumentationSyncTest {

    private static final Path DOC = Path.of("../docs/rocketmq-component.md");
    private static final Pattern OPTIONS = Pattern.compile("(?s)(## Options\n\n)(.*?)(\nDurations)");
    private static final Pattern HEADERS = Pattern.compile("(?s)(## Headers\n\n)(.*?)(\nUser headers)");

    @Test
    void optionAndHeaderTablesAreThoseOfTheCatalog() throws Exception {
        String expectedOptions = "### Component options\n\n" + optionTable(ComponentCatalog.componentOptions())
                                 + "\n### Endpoint options\n\n" + optionTable(ComponentCatalog.endpointOptions());
        String expectedHeaders = headerTable(ComponentCatalog.headers());
        String doc = Files.readString(DOC);

        if (Boolean.getBoolean("rocketmq.docs.update")) {
            doc = replaceSection(replaceSection(doc, OPTIONS, expectedOptions), HEADERS, expectedHeaders);
            Files.writeString(DOC, doc);
        }
        assertThat(section(doc, OPTIONS)).as("options in " + DOC).isEqualTo(expectedOptions);
        assertThat(section(doc, HEADERS)).as("headers in " + DOC).isEqualTo(expectedHeaders);
    }

    @Test
    void docHasAJavaAndAYamlExamplePerFeature() throws Exception {
        String doc = Files.readString(DOC);
        String[] sections = doc.substring(doc.indexOf("## Examples")).split("\n### ");
        assertThat(sections).hasSizeGreaterThan(10);
        for (int i = 1; i < sections.length; i++) {
            String title = sections[i].lines().findFirst().orElseThrow();
            assertThat(sections[i]).as(title).contains("```java").contains("```yaml");
        }
    }

    private static String optionTable(Map<String, Map<String, Object>> options) {
        StringBuilder table = new StringBuilder("| Name | Label | Type | Default | Description |\n|---|---|---|---|---|\n");
        options.forEach((name, option) -> {
            Object values = option.get("enum");
            String type = values == null ? String.valueOf(option.get("type"))
                    : "enum: " + ((Collection<?>) values).stream().map(String::valueOf).collect(Collectors.joining(", "));
            String defaultValue = option.containsKey("defaultValue") ? "`" + option.get("defaultValue") + "`" : "";
            String description = String.valueOf(option.get("description"));
            if (Boolean.TRUE.equals(option.get("deprecated"))) {
                description = "**Deprecated.** " + description;
            }
            table.append(row("`" + name + "`", String.valueOf(option.get("label") == null ? "" : option.get("label")), type,
                    defaultValue, description));
        });
        return table.toString();
    }

    private static String headerTable(Map<String, Map<String, Object>> headers) {
        StringBuilder table = new StringBuilder("| Header | Type | Description |\n|---|---|---|\n");
        headers.forEach((name, header) -> {
            table.append(row("`" + name + "`", String.valueOf(header.get("javaType")), String.valueOf(header.get("description"))));
        });
        return table.toString();
    }

    private static String row(String... cells) {
        return "| " + java.util.Arrays.stream(cells).map(c -> c.replace("|", "\\|").replace("\n", " "))
                .collect(Collectors.joining(" | ")) + " |\n";
    }

    private static String section(String doc, Pattern pattern) {
        Matcher matcher = pattern.matcher(doc);
        assertThat(matcher.find()).as("section %s in %s", pattern, DOC).isTrue();
        return matcher.group(2);
    }

    private static String replaceSection(String doc, Pattern pattern, String content) {
        return pattern.matcher(doc).replaceFirst(m -> Matcher.quoteReplacement(m.group(1) + content + m.group(3)));
    }
}

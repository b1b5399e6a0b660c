package io.rocketcamel.component.rocketmq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rocketcamel.testsupport.ComponentCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's option text is the setter Javadoc as Camel's generator cleans it: it removes anything between angle
 * brackets and drops characters such as {@code |}, {@code *} and {@code ?}, leaving "separated by (for example
 * ERRORWARN)". The Javadoc must avoid them, and the generated text must show no holes where they were.
 */
class CatalogTextTest {

    private static final Path CONFIGURATION = Path.of("src/main/java/io/rocketcamel/component/rocketmq/RocketMQConfiguration.java");
    /** The Javadoc of a setter or of an option field. */
    private static final Pattern OPTION_JAVADOC = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*(?:public void set\\w+|private [\\w.]+ \\w+;)",
            Pattern.DOTALL);
    /** Characters the generator drops (it keeps letters, digits, whitespace and .,-='/\!&%():;#${}). */
    private static final Pattern DROPPED = Pattern.compile("[<>|*?\\[\\]\"+~^`]");
    private static final List<Pattern> HOLES = List.of(
            Pattern.compile("\\(\\s*\\)"),             // (*) or (<name>) emptied
            Pattern.compile("%DLQ%[.,;)]"),            // %DLQ%<group> cut short
            Pattern.compile("\\$[,.;)]"),              // $<header.id> cut short
            Pattern.compile("\\w- [a-z]"),             // name-<topic> cut short
            Pattern.compile("\\s{2,}"));

    @Test
    void optionJavadocHasNoCharacterTheGeneratorDrops() throws Exception {
        List<String> offending = new ArrayList<>();
        Matcher javadoc = OPTION_JAVADOC.matcher(Files.readString(CONFIGURATION));
        int checked = 0;
        while (javadoc.find()) {
            checked++;
            String text = javadoc.group(1).replaceAll("(?m)^\\s*\\*", " ");
            Matcher dropped = DROPPED.matcher(text);
            if (dropped.find()) {
                offending.add("'" + dropped.group() + "' in: " + text.strip());
            }
        }
        assertThat(checked).as("Javadoc blocks found").isGreaterThan(40);
        assertThat(offending).isEmpty();
    }

    @Test
    void generatedDescriptionsHaveNoHoles() throws Exception {
        List<String> holes = new ArrayList<>();
        Map<String, Map<String, Map<String, Object>>> sections = Map.of("componentProperties",
                ComponentCatalog.componentOptions(), "properties", ComponentCatalog.endpointOptions(), "headers",
                ComponentCatalog.headers());
        for (String section : sections.keySet()) {
            for (Map.Entry<String, Map<String, Object>> option : sections.get(section).entrySet()) {
                String description = String.valueOf(option.getValue().get("description"));
                for (Pattern hole : HOLES) {
                    Matcher found = hole.matcher(description);
                    if (found.find()) {
                        holes.add(section + "." + option.getKey() + ": '" + found.group() + "' in " + description);
                    }
                }
            }
        }
        assertThat(holes).isEmpty();
    }
}

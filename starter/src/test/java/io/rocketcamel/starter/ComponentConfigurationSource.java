package io.rocketcamel.starter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Renders {@link RocketMQComponentConfiguration} from the component's catalog, as camel-spring-boot generates its
 * starters' configuration classes: one property per component option, typed and defaulted as the catalog says, with
 * the catalog's description. The component's setter Javadoc is the one source of every description.
 */
final class ComponentConfigurationSource {

    /** Deliberately different: unset means "use the embedded broker" instead of the component's localhost:9876. */
    private static final String EMBEDDED_BROKER_NOTE = " In the starter, when it is not set, an embedded broker is"
                                                       + " started (see rocketcamel.embedded-broker) and its address used.";

    /** A deprecation note that begins "Use sql." or "Use consumeTimeout, a duration." names its replacement. */
    private static final Pattern USE_OPTION = Pattern.compile("Use (\\w+)[.,]");

    private ComponentConfigurationSource() {
    }

    static String render(Map<String, Map<String, Object>> options) {
        StringBuilder fields = new StringBuilder();
        StringBuilder accessors = new StringBuilder();
        for (Map.Entry<String, Map<String, Object>> entry : options.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> option = entry.getValue();
            String type = javaType(option);
            boolean deprecated = Boolean.TRUE.equals(option.get("deprecated"));
            String description = StarterMetadata.text(option, "description") + (name.equals("namesrvAddr") ? EMBEDDED_BROKER_NOTE : "");
            fields.append(javadoc(description, "    "));
            if (deprecated) {
                fields.append("    @Deprecated\n");
            }
            // an alias has no value of its own: set, it writes the option it was renamed to, whose default applies
            String initial = name.equals("namesrvAddr") || deprecated ? null : initialValue(option, type);
            fields.append("    private ").append(type).append(' ').append(name)
                    .append(initial == null ? "" : " = " + initial).append(";\n");
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            String deprecation = deprecated ? "    @Deprecated\n" : "";
            accessors.append('\n').append(deprecation).append(deprecated ? forTheIde(option, options) : "")
                    .append("    public ").append(type).append(" get").append(capitalized).append("() {\n")
                    .append("        return ").append(name).append(";\n    }\n\n").append(deprecation)
                    .append("    public void set").append(capitalized).append('(').append(type).append(' ').append(name)
                    .append(") {\n        this.").append(name).append(" = ").append(name).append(";\n    }\n");
        }
        return """
                package io.rocketcamel.starter;

                import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
                import org.springframework.boot.context.properties.ConfigurationProperties;
                import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

                /**
                 * Every option of the {@code rocketmq} component as {@code camel.component.rocketmq.*}, in camel-spring-boot's
                 * shape. Generated from the component's catalog ({@code rocketmq.json}) by the starter's
                 * {@code RocketMQComponentConfigurationTest}, which fails when this file differs from the catalog; rewrite it
                 * with {@code mvn -pl camel-rocketmq-component,starter verify -Drocketcamel.generate=true}. Do not edit.
                 * Durations take Spring's form ({@code 5s}); a bare number is milliseconds, as on the component.
                 * A property under the prefix that names no option fails the start: a misspelt namesrv-addr would
                 * otherwise leave the address unset, and the application would run on an embedded broker.
                 */
                @ConfigurationProperties(prefix = RocketMQComponentConfiguration.PREFIX, ignoreUnknownFields = false)
                public class RocketMQComponentConfiguration extends ComponentConfigurationPropertiesCommon {

                    public static final String PREFIX = "camel.component.rocketmq";

                """ + fields + accessors + "}\n";
    }

    /**
     * The deprecation entry of the IDE metadata, read by Spring's configuration processor from the getter: the
     * catalog's note as the reason, and the property to use instead when the note begins by naming one option.
     */
    private static String forTheIde(Map<String, Object> option, Map<String, Map<String, Object>> options) {
        String note = StarterMetadata.text(option, "deprecationNote");
        Matcher use = USE_OPTION.matcher(note);
        String replacement = use.lookingAt() && options.containsKey(use.group(1))
                ? ",\n            replacement = \"" + StarterMetadata.property(use.group(1)) + "\"" : "";
        String reason = javaString(note, "            ");
        return "    @DeprecatedConfigurationProperty(reason = " + reason + replacement + ")\n";
    }

    /** A string literal, split into parts joined by + so that no line passes the project's line length. */
    private static String javaString(String text, String indent) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String word : text.replace("\\", "\\\\").replace("\"", "\\\"").split(" ")) {
            if (part.length() > 0 && part.length() + 1 + word.length() > 70) {
                parts.add(part.append(' ').toString());
                part.setLength(0);
            } else if (part.length() > 0) {
                part.append(' ');
            }
            part.append(word);
        }
        parts.add(part.toString());
        return "\"" + String.join("\"\n" + indent + "+ \"", parts) + "\"";
    }

    private static String javaType(Map<String, Object> option) {
        String javaType = StarterMetadata.text(option, "javaType");
        return switch (StarterMetadata.text(option, "type")) {
            case "duration" -> "java.time.Duration";
            case "integer" -> javaType.equals("long") ? "Long" : "Integer";
            case "boolean" -> "Boolean";
            case "string" -> "String";
            default -> javaType;
        };
    }

    private static String initialValue(Map<String, Object> option, String type) {
        if (option.get("defaultValue") == null) {
            return type.equals("Boolean") ? "false" : null;
        }
        String value = StarterMetadata.text(option, "defaultValue");
        return switch (type) {
            case "java.time.Duration" -> "java.time.Duration.ofMillis(" + Long.parseLong(value) + ")";
            case "Long" -> value + "L";
            case "Integer", "Boolean" -> value;
            case "String" -> "\"" + value + "\"";
            default -> type + "." + value;
        };
    }

    /** The description as Javadoc, wrapped to the project's line length. */
    private static String javadoc(String text, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && indent.length() + 3 + line.length() + 1 + word.length() > 120) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        StringBuilder doc = new StringBuilder(indent).append("/**\n");
        lines.forEach(l -> doc.append(indent).append(" * ").append(l).append('\n'));
        return doc.append(indent).append(" */\n").toString();
    }
}

package io.rocketcamel.component.rocketmq.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.LanguageSupport;

/**
 * An option whose value is evaluated per exchange with Camel's simple language. Besides {@code ${...}} and
 * {@code $simple{...}} it accepts {@code $<...>}, which survives property files that resolve {@code ${...}} themselves
 * (Spring Boot).
 */
public final class OptionExpression {

    private static final Pattern ANGLE_FORM = Pattern.compile("\\$<([^>]*)>");

    private final Expression expression;
    private final String setting;

    private OptionExpression(Expression expression, String setting) {
        this.expression = expression;
        this.setting = setting;
    }

    /** Whether the value reads the exchange ({@code ${...}}, {@code $simple{...}}, {@code $<...>}) or is a constant. */
    public static boolean isExpression(String value) {
        return value != null && (LanguageSupport.hasSimpleFunction(value) || ANGLE_FORM.matcher(value).find());
    }

    /**
     * @return the compiled expression, or {@code null} when the option is not set
     */
    public static OptionExpression of(CamelContext context, String option, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String simple = ANGLE_FORM.matcher(value).replaceAll(m -> Matcher.quoteReplacement("${" + m.group(1) + "}"));
        try {
            Expression expression = context.resolveLanguage("simple").createExpression(simple);
            expression.init(context);
            return new OptionExpression(expression, option + "=" + value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Option " + option + "=" + value + " is not a valid expression (a constant, $<header.name>,"
                                               + " ${header.name} or $simple{header.name}): " + e.getMessage(),
                    e);
        }
    }

    /** The value as the expression gives it: a header holding a list gives the list, for the caller to judge. */
    public Object evaluate(Exchange exchange) {
        return expression.evaluate(exchange, Object.class);
    }

    /** The option as the endpoint sets it, {@code orderKey=$<header.id>}, for messages naming it. */
    public String setting() {
        return setting;
    }
}

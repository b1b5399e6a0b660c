package io.rocketcamel.examples.cdc.servers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The bean exists only while none of these properties is set: the local server stands in for a configured one. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(WhenNoneSet.NoneSet.class)
@interface WhenNoneSet {

    String[] value();

    class NoneSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String[] properties = (String[]) metadata.getAnnotationAttributes(WhenNoneSet.class.getName()).get("value");
            return Arrays.stream(properties).noneMatch(context.getEnvironment()::containsProperty);
        }
    }
}

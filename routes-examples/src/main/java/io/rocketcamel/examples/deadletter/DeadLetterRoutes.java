package io.rocketcamel.examples.deadletter;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

@Component
public class DeadLetterRoutes extends RouteBuilder {

    private final DeadLetters deadLetters;

    public DeadLetterRoutes(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void configure() {
        from(JsonEventRoutes.DEAD_LETTER).routeId("dead-letter")
                .bean(deadLetters, "record");
    }
}

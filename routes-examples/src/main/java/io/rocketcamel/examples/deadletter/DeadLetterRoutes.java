package io.rocketcamel.examples.deadletter;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import org.apache.camel.builder.PredicateBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * Parks each event no route could process on topic {@value #TOPIC}, tagged with the route that gave up, its reason
 * and original message id as properties and its keys kept, before the event's consumer acknowledges it: a park the
 * broker refuses fails the exchange, and the event comes again. Kept only in memory, as before, a restart lost them.
 */
@Component
public class DeadLetterRoutes extends RouteBuilder {

    public static final String TOPIC = "dead-letters";
    public static final String ORIGINAL_MESSAGE_ID = "deadLetterMessageId";

    private final DeadLetters deadLetters;

    public DeadLetterRoutes(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void configure() {
        from(JsonEventRoutes.DEAD_LETTER).routeId("dead-letter")
                .setHeader(DeadLetters.REASON_HEADER, method(deadLetters, "record"))
                .setHeader(ORIGINAL_MESSAGE_ID, header(RocketMQConstants.MESSAGE_ID))
                // the consumed message's own settings (its delay, its order key) are not the park's
                .removeHeaders("CamelRocketMQ*", RocketMQConstants.KEYS)
                .setHeader(RocketMQConstants.TAGS, header(DeadLetters.SOURCE_HEADER))
                // a route that failed after parsing holds its own type, which no send takes: every park failed and the
                // event was redelivered until its group's %DLQ%. Parked as JSON again
                .choice().when(PredicateBuilder.not(PredicateBuilder.or(body().isInstanceOf(byte[].class),
                        body().isInstanceOf(String.class))))
                    .marshal().json(JsonLibrary.Jackson)
                .end()
                .to("rocketmq:" + TOPIC);
    }
}

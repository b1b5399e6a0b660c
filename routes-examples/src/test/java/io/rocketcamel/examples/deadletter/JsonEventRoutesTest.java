package io.rocketcamel.examples.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which failures of a JSON event route park the event as bad data, and which leave it to be retried. */
class JsonEventRoutesTest {

    private final List<Object> parked = new CopyOnWriteArrayList<>();
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new JsonEventRoutes() {
            @Override
            protected void routes() {
                from(DEAD_LETTER).process(e -> parked.add(e.getMessage().getBody()));
                from("direct:event").unmarshal().json(JsonLibrary.Jackson, Map.class);
                from("direct:unknown").process(e -> {
                    throw new UnknownEventException("no such event type");
                });
                from("direct:sink").process(e -> {
                    // what an HTTP client throws for a service's answer that is no JSON (a proxy's error page)
                    throw new IOException("cannot read the index's response",
                            new JsonParseException(null, "Unexpected character ('<' (code 60))"));
                });
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void anEventThatDoesNotParseOrIsUnknownIsParked() {
        template.sendBody("direct:event", "not json");
        template.sendBody("direct:unknown", "{\"type\":\"odd\"}");
        assertThat(parked).containsExactly("not json", "{\"type\":\"odd\"}");
    }

    /**
     * Camel matches onException against the failure's causes too: a sink that failed reading its service's answer was
     * taken for an event that does not parse, and the event, a valid one, was parked instead of retried until applied.
     */
    @Test
    void aSinkFailureCausedByItsServicesAnswerIsNotTakenForBadData() {
        assertThatThrownBy(() -> template.sendBody("direct:sink", "{\"id\":1}"))
                .isInstanceOf(CamelExecutionException.class).hasRootCauseInstanceOf(JsonParseException.class);
        assertThat(parked).as("parked as bad data").isEmpty();
    }
}

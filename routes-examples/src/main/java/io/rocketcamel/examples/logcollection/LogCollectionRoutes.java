package io.rocketcamel.examples.logcollection;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.deadletter.JsonEventRoutes;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * The article's combination 3, filtering + consumption mode: services publish log events tagged with their level; the
 * {@code log-errors} group (two consumers sharing the queues) receives only ERROR events, filtered on the broker by
 * tag, and stores them. The {@code log-alerts} group, which receives slow payment calls filtered on the broker by
 * SQL92 over message properties, is written in Camel's YAML DSL: {@code camel/slow-payment-alerts.yaml}.
 */
@Component
public class LogCollectionRoutes extends JsonEventRoutes {

    public static final String PUBLISH = "direct:publish-log";
    public static final String TOPIC = "app-logs";
    static final int ERROR_COLLECTORS = 2;

    private final ErrorStore errorStore;

    public LogCollectionRoutes(ErrorStore errorStore) {
        this.errorStore = errorStore;
    }

    @Override
    protected void routes() {
        from(PUBLISH).routeId("log-publisher")
                .setHeader(RocketMQConstants.TAGS, simple("${body.level}"))
                // Message properties the broker's SQL92 filter reads.
                .setHeader("service", simple("${body.service}"))
                .setHeader("latencyMs", simple("${body.latencyMs}"))
                .marshal().json(JsonLibrary.Jackson)
                .to(ExchangePattern.InOnly, "rocketmq:" + TOPIC + "?keys=${header.service}");

        for (int i = 1; i <= ERROR_COLLECTORS; i++) {
            String collector = "error-collector-" + i;
            from("rocketmq:" + TOPIC + "?consumerGroup=log-errors&tags=ERROR&consumeFromWhere=FIRST_OFFSET")
                    .routeId(collector)
                    .unmarshal().json(JsonLibrary.Jackson, LogEvent.class)
                    .bean(errorStore, "save(${body}, '" + collector + "')");
        }
    }
}

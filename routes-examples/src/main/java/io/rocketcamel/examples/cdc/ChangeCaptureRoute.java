package io.rocketcamel.examples.cdc;

import io.rocketcamel.examples.StateDirectory;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * The article's scenario 2, the producing half: Debezium reads every committed row change of the captured tables from
 * PostgreSQL's log (logical decoding, pgoutput) and the route publishes it to {@code db-changes} as the article's JSON,
 * key {@code db.table.pk}, order key the primary key, so all changes of a row go to one queue in commit order. A
 * TRUNCATE goes to every queue ({@link TruncatePartitions}).
 * <p>
 * Debezium's offset (how far the log has been published) is kept in a file in the CDC data directory and flushed
 * every second and when the route stops: a restarted route goes on from there, repeating at most the changes
 * published since the last flush. A send that fails is retried until the broker takes it, holding back the changes
 * behind it; one cut short by the route stopping goes back to Debezium unpublished ({@link ChangeNotPublished}). A
 * change refused for what it is (larger than maxMessageSize) stops the route at it ({@link ChangeNotPublished}).
 */
@Component
public class ChangeCaptureRoute extends RouteBuilder {

    public static final String ROUTE_ID = "cdc-capture";
    public static final String TOPIC = "db-changes";
    /** Debezium's name for the connector and the prefix of its (here unused) Kafka topic names. */
    private static final String SERVER_NAME = "shop";

    private final DebeziumChanges changes;
    private final TruncatePartitions truncates;
    private final StateDirectory dataDir;

    public ChangeCaptureRoute(DebeziumChanges changes, TruncatePartitions truncates, StateDirectory dataDir) {
        this.changes = changes;
        this.truncates = truncates;
        this.dataDir = dataDir;
    }

    @Override
    public void configure() {
        from("debezium-postgres:" + SERVER_NAME
                + "?topicPrefix=" + SERVER_NAME
                + "&tableIncludeList={{rocketcamel.demo.cdc.tables:public.products}}"
                + "&pluginName=pgoutput"
                + "&slotName={{rocketcamel.demo.cdc.slot:rocketcamel_cdc}}"
                + "&publicationName={{rocketcamel.demo.cdc.slot:rocketcamel_cdc}}"
                + "&publicationAutocreateMode=filtered"
                + "&decimalHandlingMode=string"
                // Debezium skips truncates unless told not to: the sinks would keep the rows a TRUNCATE removed
                + "&skippedOperations=none"
                // how long Debezium waits when the log has nothing new: the latency floor (its default is 500 ms)
                + "&pollIntervalMs=10"
                + "&offsetStorageFileName=RAW(" + dataDir.file("debezium-offsets.dat") + ")"
                + "&offsetFlushIntervalMs=1000"
                // a restarted route may find the slot still held by the old connection for a moment
                + "&slotRetryDelayMs=500"
                + "&exceptionHandler=#class:" + ChangeNotPublished.class.getName())
                .routeId(ROUTE_ID)
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(-1)
                        .redeliveryDelay(500)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        // a stop ends the retries at once (the change goes back to Debezium) instead of after 45 s
                        .allowRedeliveryWhileStopping(false))
                // the same change fails every retry alike: ChangeNotPublished stops the route at it, one ERROR line
                .onException(ChangeNotPublished.REFUSED_AS_IT_IS.toArray(Class[]::new))
                    .maximumRedeliveries(0)
                    .logExhausted(false)
                .end()
                .filter(method(changes, "isCaptured"))
                .bean(changes, "toChangeEvent")
                // one message, or a TRUNCATE's copy for every queue; one failed send fails the change
                .split(method(truncates, "perQueue")).stopOnException()
                    .setHeader("changeKey", simple("${body.key}"))
                    .setHeader("orderKey", simple("${body.orderKey}"))
                    .marshal().json(JsonLibrary.Jackson)
                    .to("rocketmq:" + TOPIC + "?keys=${header.changeKey}&orderKey=${header.orderKey}");
    }
}

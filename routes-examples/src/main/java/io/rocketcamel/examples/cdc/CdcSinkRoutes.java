package io.rocketcamel.examples.cdc;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.deadletter.JsonEventRoutes;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.opensearch.OpensearchConstants;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * The article's scenario 2, the consuming half: two ORDERLY consumer groups of {@code db-changes} keep a Redis cache (a hash
 * per row, 1 h expiry, deleted on DELETE) and an OpenSearch index (a document per row, index or delete) equal to the
 * table. A TRUNCATE's copy in a queue removes the rows whose changes come through that queue
 * ({@link TruncatePartitions}). ORDERLY means one thread per queue, in queue order: a row's changes are applied in commit order. A write
 * the sink refuses fails the exchange, which suspends the queue and retries the same change; it never goes to the
 * dead-letter topic, so nothing behind it is applied out of order and nothing is skipped. Both sinks replace the
 * whole row (or delete it), so a change applied twice after a restart leaves the same state.
 */
@Component
public class CdcSinkRoutes extends JsonEventRoutes {

    public static final String CACHE_ROUTE = "cdc-cache";
    public static final String SEARCH_ROUTE = "cdc-search";

    /** An ORDERLY consumer retries a failed change until it succeeds instead of dead-lettering it after 16 tries. */
    private static final String RETRY_UNTIL_APPLIED =
            "&consumeMode=ORDERLY&suspendMillis=500&maxReconsumeTimes=" + Integer.MAX_VALUE;

    private final RedisRowCache cache;
    private final SearchIndex index;
    private final AppliedChanges applied;

    public CdcSinkRoutes(RedisRowCache cache, SearchIndex index, AppliedChanges applied) {
        this.cache = cache;
        this.index = index;
        this.applied = applied;
    }

    @Override
    protected void routes() {
        // a sink that is down fails every retry: one line each, not a stack trace
        errorHandler(defaultErrorHandler()
                .logStackTrace(false)
                .logExhaustedMessageHistory(false)
                .retriesExhaustedLogLevel(LoggingLevel.WARN));

        from("rocketmq:" + ChangeCaptureRoute.TOPIC + "?consumerGroup=cdc-cache&consumeFromWhere=FIRST_OFFSET"
                + RETRY_UNTIL_APPLIED)
                .routeId(CACHE_ROUTE)
                .unmarshal().json(JsonLibrary.Jackson, ChangeEvent.class)
                .bean(cache, "apply")
                .bean(applied, recorded(AppliedChanges.CACHE, "${body}"));

        from("rocketmq:" + ChangeCaptureRoute.TOPIC + "?consumerGroup=cdc-search&consumeFromWhere=FIRST_OFFSET"
                + RETRY_UNTIL_APPLIED)
                .routeId(SEARCH_ROUTE)
                .unmarshal().json(JsonLibrary.Jackson, ChangeEvent.class)
                .setProperty("change", body())
                // one index per table, one document per row
                .setHeader(OpensearchConstants.PARAM_INDEX_NAME, simple("${body.table}"))
                .setHeader(OpensearchConstants.PARAM_INDEX_ID, simple("${body.pk}"))
                .choice()
                    .when(simple("${body.truncate}"))
                        .bean(index, "truncate")
                    .when(simple("${body.delete}"))
                        .setBody(simple("${body.pk}"))
                        .to("opensearch:cdc?operation=Delete")
                    .otherwise()
                        .setBody(simple("${body.after}"))
                        .to("opensearch:cdc?operation=Index")
                .end()
                .bean(applied, recorded(AppliedChanges.SEARCH, "${exchangeProperty.change}"));
    }

    /** The call that tells {@link AppliedChanges} what the sink applied, when the broker stored it, how often it came. */
    private static String recorded(String sink, String change) {
        return "record('" + sink + "', " + change + ", ${header." + RocketMQConstants.STORE_TIMESTAMP + "}, ${header."
                + RocketMQConstants.RECONSUME_TIMES + "})";
    }
}

package io.rocketcamel.examples.cdc;

import io.rocketcamel.examples.deadletter.JsonEventRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/**
 * Seed scenario 2, CDC sync: committed row changes are read from the outbox in commit order and published to
 * {@code db-changes} with key {@code db.table.pk} and the primary key as order key, so every change of one row lands
 * in one queue. Two ORDERLY consumers apply them: one to a cache, one to a search index over HTTP; a failed HTTP call
 * suspends the queue and retries, so a row's changes are never applied out of order.
 */
@Component
public class CdcRoutes extends JsonEventRoutes {

    public static final String TOPIC = "db-changes";

    private final Outbox outbox;
    private final RowCache cache;
    private final SearchIndex searchIndex;

    public CdcRoutes(Outbox outbox, RowCache cache, SearchIndex searchIndex) {
        this.outbox = outbox;
        this.cache = cache;
        this.searchIndex = searchIndex;
    }

    @Override
    protected void routes() {
        from("timer:outbox-poller?period={{rocketcamel.demo.cdc.poll-interval:200}}").routeId("outbox-poller")
                .bean(outbox, "nextBatch")
                .split(body())
                    .setHeader("outboxSeq", simple("${body.seq}"))
                    .setHeader("changeKey", simple("${body.changeKey}"))
                    .setHeader("pk", simple("${body.pk}"))
                    .setBody(simple("${body.payload}"))
                    .to(ExchangePattern.InOnly, "rocketmq:" + TOPIC + "?keys=${header.changeKey}&orderKey=${header.pk}")
                    .bean(outbox, "markPublished(${header.outboxSeq})")
                .end();

        from("rocketmq:" + TOPIC + "?consumerGroup=cdc-cache&consumeMode=ORDERLY&consumeFromWhere=FIRST_OFFSET")
                .routeId("cdc-cache")
                .unmarshal().json(JsonLibrary.Jackson, ChangeEvent.class)
                .bean(cache, "apply");

        from("rocketmq:" + TOPIC + "?consumerGroup=cdc-search&consumeMode=ORDERLY&consumeFromWhere=FIRST_OFFSET")
                .routeId("cdc-search")
                .unmarshal().json(JsonLibrary.Jackson, ChangeEvent.class)
                .setHeader(Exchange.HTTP_URI, method(searchIndex, "documentUrl(${body.pk})"))
                .choice()
                    .when(simple("${body.delete}"))
                        .setHeader(Exchange.HTTP_METHOD, constant("DELETE"))
                        .setBody(constant(""))
                    .otherwise()
                        .setHeader(Exchange.HTTP_METHOD, constant("PUT"))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .transform(simple("${body.after}"))
                        .marshal().json(JsonLibrary.Jackson)
                .end()
                // A delete of a document that is already gone (a redelivered DELETE) is done, not a failure.
                .to("http://search-index?okStatusCodeRange=200-299,404");
    }
}

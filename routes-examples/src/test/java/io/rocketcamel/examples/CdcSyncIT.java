package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.examples.cdc.AppliedChanges;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.examples.cdc.AppliedChanges.Applied;
import io.rocketcamel.examples.cdc.AppliedChanges.Recording;
import io.rocketcamel.examples.cdc.ChangeCaptureRoute;
import io.rocketcamel.examples.cdc.ChangeEvent;
import io.rocketcamel.examples.cdc.CdcDemo;
import io.rocketcamel.examples.cdc.CdcDemo.Outcome;
import io.rocketcamel.examples.cdc.CdcPipeline;
import io.rocketcamel.examples.cdc.CdcSinkRoutes;
import io.rocketcamel.examples.cdc.CdcWorkload;
import io.rocketcamel.examples.cdc.CdcWorkload.Phase;
import io.rocketcamel.examples.cdc.ProductTable;
import io.rocketcamel.examples.StateDirectory;
import io.rocketcamel.examples.cdc.servers.LocalOpenSearch;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.testsupport.CapturedLogs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RouteError;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.constant.PermName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The CDC pipeline against the real parts: PostgreSQL's log, Debezium, the embedded broker, a Redis server and an
 * OpenSearch node. 2,000 changes over 200 rows in concurrent transactions, during which both sinks refuse writes for
 * a while and the whole pipeline is stopped and started again.
 */
class CdcSyncIT extends ExamplesITSupport {

    @Autowired
    CdcDemo demo;
    @Autowired
    CdcPipeline pipeline;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    LocalOpenSearch openSearch;
    @Autowired
    StateDirectory dataDir;
    @Autowired
    ProductTable table;
    @Autowired
    AppliedChanges applied;
    @Autowired
    CamelContext camel;
    @Autowired
    EmbeddedRocketMQBroker broker;

    /** An ORDERLY consumer's attempts at a change before it gives it up, with the default maxReconsumeTimes (16). */
    private static final int DEFAULT_ATTEMPTS = 17;

    /** By sink route, the changes it refused and how often. */
    private final Map<String, Map<String, AtomicInteger>> refused = new ConcurrentHashMap<>();

    @Test
    void redisAndOpenSearchEndEqualToTheTableWithEveryRowsChangesInCommitOrder() throws Exception {
        CdcWorkload workload = new CdcWorkload(100_000, 200, 4, List.of(
                Phase.paced("pipeline running, 250 changes a second", 500, 250),
                new Phase("Redis and OpenSearch refusing writes", 250, this::sinksRefuseWritesLongerThanTheDefaultRetries),
                new Phase("Redis and OpenSearch accepting writes again", 250, () -> sinksRefuseWrites(false)),
                new Phase("pipeline stopping", 250, pipeline::stop),
                new Phase("pipeline starting again", 750, pipeline::start)));

        Outcome outcome = demo.run(new DemoConsole("cdc-sync"), workload);

        assertPassed(outcome.result());
        assertThat(outcome.phases().stream().mapToInt(phase -> phase.committed().size()).sum()).isEqualTo(2000);
        assertThat(outcome.phases().stream().flatMap(phase -> phase.committed().stream()).map(ProductTable.Committed::eventType).distinct())
                .containsExactlyInAnyOrder("INSERT", "UPDATE", "DELETE");
        // Not by the redelivery count: an ORDERLY consumer counts its retries in memory, so a change whose retry came
        // only after the pipeline's restart arrives with a count of 0.
        Map<String, String> sinkOfRoute = Map.of(CdcSinkRoutes.CACHE_ROUTE, AppliedChanges.CACHE,
                CdcSinkRoutes.SEARCH_ROUTE, AppliedChanges.SEARCH);
        sinkOfRoute.forEach((route, sink) -> assertThat(outcome.applied().stream()
                .filter(applied -> applied.sink().equals(sink)).map(applied -> key(applied.change())))
                .as("changes %s refused, then applied", sink)
                .containsAll(refused.get(route).keySet()));
        assertThat(Files.size(dataDir.file("debezium-offsets.dat"))).as("Debezium's offset file").isPositive();
    }

    /**
     * A change Debezium handed over but the broker refused is still unpublished when the pipeline stops. Camel's
     * Debezium consumer would let Debezium count it as delivered; it must come again after the restart.
     */
    @Test
    void aChangeStillUnpublishedWhenThePipelineStopsIsPublishedAfterTheRestart() throws Exception {
        ProductTable.Committed first = table.change(List.of(200_000L), new Random(7)).get(0);
        try (Recording recording = applied.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> appliedByBothSinks(recording, first));
        }
        try (Recording recording = applied.start()) {
            brokerRefusesSends(true);
            ProductTable.Committed unpublished = table.change(List.of(200_000L), new Random(8)).get(0);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> camel.getInflightRepository().size(ChangeCaptureRoute.ROUTE_ID) > 0);
            pipeline.stop();
            brokerRefusesSends(false);
            pipeline.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> appliedByBothSinks(recording, unpublished));
        } finally {
            brokerRefusesSends(false);
        }
    }

    /**
     * PostgreSQL logs a TRUNCATE as one event for the table, not a DELETE per row. The rows it removed must leave Redis
     * and OpenSearch too, also those whose changes are still on their way when it commits, and the rows written after
     * it (some with the primary keys of removed rows, inserted again in the same transaction) must stay.
     */
    @Test
    void aTruncateRemovesTheRowsBeforeItFromBothSinksAndKeepsTheRowsAfterIt() {
        List<Long> all = LongStream.range(300_000, 300_050).boxed().toList();
        table.change(all.subList(0, 40), new Random(11));
        table.change(all.subList(0, 40), new Random(12));

        table.truncateAndInsert(all.subList(30, 50), new Random(13));

        // run alone, the first write creates the index, whose shard may not answer the first reads
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> demo.copies(all).equal());
        assertThat(demo.copies(all).rows()).as("rows after the truncate").hasSize(20);
        assertThat(demo.copies(all).cached()).as("cached rows").hasSize(20);
    }

    /**
     * A change the producer refuses as it is (here larger than maxMessageSize) fails every retry alike. The capture stops
     * at it with one ERROR naming the change and what to do, rather than retrying it every 500 ms for good; Debezium's
     * offset stays before it, so once the cause is fixed and the route started again, it is published.
     */
    @Test
    void aChangeTheProducerRefusesAsItIsStopsTheCaptureWithOneErrorUntilTheCauseIsFixed() {
        RocketMQEndpoint capture = camel.getEndpoints().stream().filter(RocketMQEndpoint.class::isInstance)
                .map(RocketMQEndpoint.class::cast).filter(endpoint -> endpoint.getTopicName().equals(ChangeCaptureRoute.TOPIC)
                        && endpoint.getEndpointUri().contains("orderKey="))
                .findFirst().orElseThrow();
        int maxMessageSize = capture.getConfiguration().getMaxMessageSize();
        try (CapturedLogs logs = new CapturedLogs(); Recording recording = applied.start()) {
            // every change's JSON is larger
            capture.getConfiguration().setMaxMessageSize(64);
            ProductTable.Committed refused = table.change(List.of(400_000L), new Random(21)).get(0);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> camel.getRouteController().getRouteStatus(ChangeCaptureRoute.ROUTE_ID).isStopped());
            assertThat(camel.getRoute(ChangeCaptureRoute.ROUTE_ID).getLastError()).as("the route's last error")
                    .satisfies(error -> assertThat(error.isUnhealthy()).as("health DOWN").isTrue())
                    .extracting(RouteError::getException).asString().contains("maxMessageSize=64");
            // Debezium's engine adds its own lines for the failure handed back to it, as on any stop before a send, and
            // Camel may warn that the engine was already shutting down when the route's stop closed it
            // the app's other routes run meanwhile: only the capture's retries count here
            assertThat(logs.warnings()).as("retries logged")
                    .noneMatch(event -> event.getFormattedMessage().contains("delivery attempt")
                                        && event.getFormattedMessage().contains(ChangeCaptureRoute.ROUTE_ID));
            assertThat(logs.warnings()).as("what the capture logged")
                    .filteredOn(event -> event.getLoggerName().endsWith(".ChangeNotPublished")).singleElement().satisfies(error -> {
                assertThat(error.getLevel()).isEqualTo(Level.ERROR);
                assertThat(error.getFormattedMessage()).contains(table.database() + ".products.400000", "maxMessageSize=64",
                        "Route " + ChangeCaptureRoute.ROUTE_ID + " stopped");
                assertThat(error.getThrowableProxy()).as("a stack trace").isNull();
            });

            capture.getConfiguration().setMaxMessageSize(maxMessageSize);
            pipeline.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> appliedByBothSinks(recording, refused));
            assertThat(camel.getRoute(ChangeCaptureRoute.ROUTE_ID).getLastError()).isNull();
        } finally {
            capture.getConfiguration().setMaxMessageSize(maxMessageSize);
            pipeline.start();
        }
    }

    private static boolean appliedByBothSinks(Recording recording, ProductTable.Committed change) {
        return recording.applied().stream()
                .filter(a -> a.change().pk().equals(Long.toString(change.id())) && a.change().eventType().equals(change.eventType())
                        && version(a.change()) == change.version())
                .map(Applied::sink).distinct().count() == 2;
    }

    private static String key(ChangeEvent change) {
        return change.pk() + "/" + change.eventType() + "@" + version(change);
    }

    private static long version(ChangeEvent change) {
        return ((Number) (change.isDelete() ? change.before() : change.after()).get("version")).longValue();
    }

    /**
     * The broker refuses every send to db-changes (NO_PERMISSION): a broker without write permission refuses sends to
     * its ordered topics on its own, checking both flags on each send, so the change takes effect at once. Each change
     * of permission is published as mqadmin's updateBrokerConfig does, with a new data version: the name server
     * ignores the topics of a registration whose version it already has, so a registration that published the broker
     * read-only (a periodic one, after any topic change) stayed in force after the permission came back, and the
     * restarted capture found no writable queue for a minute.
     */
    private void brokerRefusesSends(boolean refuse) {
        for (String name : broker.getBrokerNames()) {
            BrokerController controller = broker.getBrokerController(name);
            controller.getTopicConfigManager().selectTopicConfig(ChangeCaptureRoute.TOPIC).setOrder(refuse);
            controller.getBrokerConfig().setBrokerPermission(refuse ? PermName.PERM_READ : PermName.PERM_READ | PermName.PERM_WRITE);
            controller.getTopicConfigManager().getDataVersion().nextVersion();
            controller.registerBrokerAll(true, false, true);
        }
    }

    /**
     * Redis refuses writes beyond its memory limit (OOM, noeviction); OpenSearch in a read-only cluster (403). The
     * changes refused are counted in {@link #refused}, by route. The refusal lasts until each sink route has refused
     * one change more often than an ORDERLY consumer tries it with the default maxReconsumeTimes: a sink that is down
     * must hold its queue, not give the change up (to the group's dead-letter topic) and apply the next one. A refusal
     * ended by the first failed exchange (the phase's changes reach the sinks only after capture and delivery, which
     * on a loaded machine took longer than the phase's own writes) was over within those tries, so a sink with the
     * default passed too.
     */
    private void sinksRefuseWritesLongerThanTheDefaultRetries() {
        EventNotifierSupport failures = new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof ExchangeFailedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                Exchange exchange = ((ExchangeFailedEvent) event).getExchange();
                // the search route has replaced its body with the document by then
                Object change = exchange.getProperty("change", exchange.getMessage().getBody(), Object.class);
                if (change instanceof ChangeEvent refusedChange) {
                    refused.computeIfAbsent(String.valueOf(exchange.getFromRouteId()), r -> new ConcurrentHashMap<>())
                            .computeIfAbsent(key(refusedChange), k -> new AtomicInteger()).incrementAndGet();
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(failures);
        try {
            failures.start();
            sinksRefuseWrites(true);
            await().atMost(Duration.ofSeconds(90))
                    .alias("each sink refused one change more than " + DEFAULT_ATTEMPTS + " times, holding its queue")
                    .until(() -> refusedMoreThanTheDefaultAttempts(CdcSinkRoutes.CACHE_ROUTE)
                            && refusedMoreThanTheDefaultAttempts(CdcSinkRoutes.SEARCH_ROUTE));
        } finally {
            camel.getManagementStrategy().removeEventNotifier(failures);
            failures.stop();
        }
    }

    private boolean refusedMoreThanTheDefaultAttempts(String route) {
        return refused.getOrDefault(route, Map.of()).values().stream().anyMatch(times -> times.get() > DEFAULT_ATTEMPTS);
    }

    private void sinksRefuseWrites(boolean refuse) {
        redis.execute(connection -> {
            connection.serverCommands().setConfig("maxmemory", refuse ? "1" : "0");
            return null;
        }, true);
        String body = "{\"transient\": {\"cluster.blocks.read_only\": " + refuse + "}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + openSearch.hostAddress() + "/_cluster/settings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

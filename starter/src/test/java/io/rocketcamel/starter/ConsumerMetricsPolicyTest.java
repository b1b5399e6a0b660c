package io.rocketcamel.starter;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer meters of routes that are never started; no broker answers. */
class ConsumerMetricsPolicyTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BrokerAdmin admin = new BrokerAdmin();
    private final BrokerReadings readings = new BrokerReadings();
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
        readings.close();
        admin.close();
    }

    /** A context with the metrics' route policy and a stopped route per id, consuming from its URI. */
    private void routes(Map<String, String> uriByRouteId) throws Exception {
        context.addComponent("rocketmq", new RocketMQComponent());
        context.addRoutePolicyFactory(new RocketMQMetricsAutoConfiguration().rocketMQConsumerMetrics(registry, admin, readings));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                uriByRouteId.forEach((id, uri) -> from(uri).routeId(id).autoStartup(false).log("${body}"));
            }
        });
        context.start();
    }

    @Test
    void removingOneOfTwoRoutesOfAGroupKeepsTheGroupsMetersForTheOther() throws Exception {
        routes(Map.of("reader-1", "rocketmq:orders?consumerGroup=readers", "reader-2", "rocketmq:orders?consumerGroup=readers"));
        assertThat(registry.find(RocketMQMeters.CONSUMED).tag("group", "readers").counters()).hasSize(1);

        context.removeRoute("reader-1");

        assertThat(registry.find(RocketMQMeters.CONSUMED).tag("group", "readers").counter()).isNotNull();
        assertThat(registry.find(RocketMQMeters.LAG).tag("group", "readers").gauge()).isNotNull();

        context.removeRoute("reader-2");

        assertThat(registry.find(RocketMQMeters.CONSUMED).tag("group", "readers").counter()).isNull();
        assertThat(registry.find(RocketMQMeters.LAG).tag("group", "readers").gauge()).isNull();
    }

    @Test
    void aScrapeDoesNotWaitForANameServerThatNeverAnswers() throws Exception {
        // the kernel accepts the connection, nobody reads or answers: as a hung name server or a black-holed route
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            routes(Map.of("stuck", "rocketmq:orders?consumerGroup=stuck&namesrvAddr=127.0.0.1:" + silent.getLocalPort()));

            long begin = System.nanoTime();
            double lag = registry.find(RocketMQMeters.LAG).tag("group", "stuck").gauge().value();
            double deadLetters = registry.find(RocketMQMeters.DEAD_LETTERS).tag("group", "stuck").gauge().value();
            long millis = (System.nanoTime() - begin) / 1_000_000;

            assertThat(lag).isNaN();
            assertThat(deadLetters).isNaN();
            assertThat(millis).as("ms the two gauges took").isLessThan(2_500);
        }
    }

    /**
     * Each gauge waited up to half a second for its own reading, one after another, and only two threads ask: with
     * a dozen groups against a hung name server a scrape took about 12 s, past Prometheus' 10 s timeout.
     */
    @Test
    void aScrapeOfManyGroupsDoesNotWaitForAHungNameServerOncePerGauge() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> routes = new HashMap<>();
            for (int i = 0; i < 12; i++) {
                routes.put("stuck-" + i, "rocketmq:orders?consumerGroup=stuck-" + i + "&namesrvAddr=127.0.0.1:"
                                         + silent.getLocalPort());
            }
            routes(routes);

            long begin = System.nanoTime();
            List<Double> values = registry.getMeters().stream().filter(meter -> meter instanceof Gauge)
                    .map(meter -> ((Gauge) meter).value()).toList();
            long millis = (System.nanoTime() - begin) / 1_000_000;

            assertThat(values).hasSize(24).allSatisfy(value -> assertThat(value).isNaN());
            assertThat(millis).as("ms the 24 gauges took").isLessThan(2_500);
        }
    }
}

package io.rocketcamel.starter;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rocketcamel.component.rocketmq.RocketMQComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Meters that two routes share (same group and topic) outlive the removal of one; no broker is asked. */
class ConsumerMetricsPolicyTest {

    @Test
    void removingOneOfTwoRoutesOfAGroupKeepsTheGroupsMetersForTheOther() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (BrokerAdmin admin = new BrokerAdmin(); BrokerReadings readings = new BrokerReadings();
             CamelContext context = new DefaultCamelContext()) {
            context.addComponent("rocketmq", new RocketMQComponent());
            context.addRoutePolicyFactory(new RocketMQMetricsAutoConfiguration().rocketMQConsumerMetrics(registry, admin, readings));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:orders?consumerGroup=readers").routeId("reader-1").autoStartup(false).log("${body}");
                    from("rocketmq:orders?consumerGroup=readers").routeId("reader-2").autoStartup(false).log("${body}");
                }
            });
            context.start();
            assertThat(registry.find(RocketMQMeters.CONSUMED).tag("group", "readers").counters()).hasSize(1);

            context.removeRoute("reader-1");

            assertThat(registry.find(RocketMQMeters.CONSUMED).tag("group", "readers").counter()).isNotNull();
            assertThat(registry.find(RocketMQMeters.LAG).tag("group", "readers").gauge()).isNotNull();

            context.removeRoute("reader-2");

            assertThat(registry.find(RocketMQMeters.CONSUMED).tag("group", "readers").counter()).isNull();
            assertThat(registry.find(RocketMQMeters.LAG).tag("group", "readers").gauge()).isNull();
        }
    }

    @Test
    void aScrapeDoesNotWaitForANameServerThatNeverAnswers() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // the kernel accepts the connection, nobody reads or answers: as a hung name server or a black-holed route
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             BrokerAdmin admin = new BrokerAdmin(); BrokerReadings readings = new BrokerReadings();
             CamelContext context = new DefaultCamelContext()) {
            context.addComponent("rocketmq", new RocketMQComponent());
            context.addRoutePolicyFactory(new RocketMQMetricsAutoConfiguration().rocketMQConsumerMetrics(registry, admin, readings));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rocketmq:orders?consumerGroup=stuck&namesrvAddr=127.0.0.1:" + silent.getLocalPort())
                            .routeId("stuck").autoStartup(false).log("${body}");
                }
            });
            context.start();

            long begin = System.nanoTime();
            double lag = registry.find(RocketMQMeters.LAG).tag("group", "stuck").gauge().value();
            double deadLetters = registry.find(RocketMQMeters.DEAD_LETTERS).tag("group", "stuck").gauge().value();
            long millis = (System.nanoTime() - begin) / 1_000_000;

            assertThat(lag).isNaN();
            assertThat(deadLetters).isNaN();
            assertThat(millis).as("ms the two gauges took").isLessThan(2_500);
        }
    }
}

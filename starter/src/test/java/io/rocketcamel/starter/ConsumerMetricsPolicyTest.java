package io.rocketcamel.starter;

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
        try (BrokerAdmin admin = new BrokerAdmin(); CamelContext context = new DefaultCamelContext()) {
            context.addComponent("rocketmq", new RocketMQComponent());
            context.addRoutePolicyFactory(new RocketMQMetricsAutoConfiguration().rocketMQConsumerMetrics(registry, admin));
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
}

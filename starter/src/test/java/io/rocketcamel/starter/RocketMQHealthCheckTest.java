package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The rocketmq health checks against a name server that is not there, and which beans exist per property. */
class RocketMQHealthCheckTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, EmbeddedBrokerAutoConfiguration.class,
                    RocketMQComponentAutoConfiguration.class, RocketMQHealthAutoConfiguration.class))
            .withBean(RouteBuilder.class, () -> new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:orders").routeId("order-sender").to("rocketmq:orders");
                }
            });

    @Test
    void anUnreachableNameServerIsDownWithTheReason() throws IOException {
        String address = "127.0.0.1:" + closedPort();
        runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=" + address).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RocketMQHealthCheckRepository.class);
            CamelContext camel = context.getBean(CamelContext.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HealthCheck.Result result = results(camel).get("rocketmq-producer-orders");
                assertThat(result).isNotNull();
                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getMessage()).hasValueSatisfying(message -> assertThat(message)
                        .contains("RocketMQ name server " + address + " is unreachable"));
            });
        });
    }

    @Test
    void theHealthChecksCanBeSwitchedOff() {
        runner.withPropertyValues("camel.component.rocketmq.namesrv-addr=127.0.0.1:1", "rocketcamel.health.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(RocketMQHealthCheckRepository.class);
                    assertThat(results(context.getBean(CamelContext.class))).doesNotContainKey("rocketmq-producer-orders");
                });
    }

    private static Map<String, HealthCheck.Result> results(CamelContext camel) {
        return HealthCheckHelper.invoke(camel).stream().collect(Collectors.toMap(r -> r.getCheck().getId(), r -> r));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

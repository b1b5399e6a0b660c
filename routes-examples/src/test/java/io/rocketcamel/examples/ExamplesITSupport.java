package io.rocketcamel.examples;

import io.rocketcamel.examples.demo.ScenarioResult;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples app with its routes on the starter's embedded broker (short delay levels), its web server (the
 * operations console) on a free port, the CDC example's local PostgreSQL, Redis and OpenSearch, and WireMock for the
 * payment API outside the system. Every IT class shares this one context, so one broker and one set of servers serve
 * the whole run; when it does not start, every class fails naming why ({@link AppStartFailure}).
 */
@SpringBootTest(classes = ExamplesApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "rocketcamel.demo.enabled=false",
        // a loaded 2-core CI machine took over 3 s (the client's default) for a first send
        "camel.component.rocketmq.send-timeout=10s",
        "camel.main.main-run-controller=false",
        "rocketcamel.embedded-broker.delay-levels=1s 2s 3s",
        "rocketcamel.demo.tasks.delay-level=2",
        "rocketcamel.demo.tasks.retry-delay=1s",
        "rocketcamel.demo.payment.timeout=500ms",
        "rocketcamel.demo.saga-eip.timeout=8s",
        "rocketcamel.embedded-broker.transaction-check-interval=1s",
        "rocketcamel.embedded-broker.transaction-timeout=1s",
        "rocketcamel.load.cdc.rows=200",
        "rocketcamel.load.tasks.delay=1s"})
@ExtendWith(AppStartFailure.class)
public abstract class ExamplesITSupport {

    @DynamicPropertySource
    static void paymentApi(DynamicPropertyRegistry registry) {
        registry.add("rocketcamel.demo.payment.url", WireMockServices::paymentUrl);
    }

    protected static void assertPassed(ScenarioResult result) {
        assertThat(result.facts()).as("end-state checks").allMatch(fact -> fact.startsWith("ok"));
        assertThat(result.passed()).isTrue();
    }
}

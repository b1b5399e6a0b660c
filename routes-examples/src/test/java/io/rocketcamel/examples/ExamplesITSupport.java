package io.rocketcamel.examples;

import io.rocketcamel.examples.cdc.SearchIndexView;
import io.rocketcamel.examples.demo.ScenarioResult;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples app with its routes on the starter's embedded broker (short delay levels), and WireMock for the HTTP
 * services outside the system. Every IT class shares this one context, so one broker serves the whole run.
 */
@SpringBootTest(classes = ExamplesApplication.class, properties = {
        "rocketcamel.demo.enabled=false",
        // a loaded 2-core CI machine took over 3 s (the client's default) for a first send
        "camel.component.rocketmq.send-timeout=10s",
        "camel.springboot.main-run-controller=false",
        "rocketcamel.embedded-broker.delay-levels=1s 2s 3s",
        "rocketcamel.demo.tasks.delay-level=2",
        "rocketcamel.demo.tasks.retry-delay=1s",
        "rocketcamel.demo.payment.timeout=500ms",
        "rocketcamel.demo.saga-eip.timeout=8s",
        "rocketcamel.embedded-broker.transaction-check-interval=1s",
        "rocketcamel.embedded-broker.transaction-timeout=1s",
        "rocketcamel.load.cdc.rows=200",
        "rocketcamel.load.tasks.delay=1s"})
@Import(ExamplesITSupport.HttpServices.class)
public abstract class ExamplesITSupport {

    @DynamicPropertySource
    static void httpServices(DynamicPropertyRegistry registry) {
        registry.add("rocketcamel.demo.search.url", WireMockServices::searchUrl);
        registry.add("rocketcamel.demo.payment.url", WireMockServices::paymentUrl);
    }

    protected static void assertPassed(ScenarioResult result) {
        assertThat(result.facts()).as("end-state checks").allMatch(fact -> fact.startsWith("ok"));
        assertThat(result.passed()).isTrue();
    }

    @TestConfiguration
    static class HttpServices {
        @Bean
        @Primary
        SearchIndexView wireMockSearchIndex() {
            return WireMockServices::documents;
        }
    }
}

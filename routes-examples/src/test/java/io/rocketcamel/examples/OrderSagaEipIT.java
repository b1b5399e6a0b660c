package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.demo.ScenarioResult;
import io.rocketcamel.examples.saga.OrderSagaEipDemo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderSagaEipIT extends ExamplesITSupport {

    @Autowired
    OrderSagaEipDemo demo;

    @Test
    void thousandSagasEndShippedOrCancelledWithStockAndMoneyConsistentAndEachCallbackOnce() {
        ScenarioResult result = demo.run(new DemoConsole("order-saga-eip"), 1000);
        result.facts().forEach(fact -> System.out.println("order-saga-eip: " + fact));
        assertPassed(result);
        assertThat(WireMockServices.server().getAllServeEvents())
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"SLOW\""))
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"DECLINE\""))
                .noneSatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"LOST\""));
    }
}

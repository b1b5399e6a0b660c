package io.rocketcamel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.saga.OrderRepository;
import io.rocketcamel.examples.saga.OrderSagaDemo;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderSagaIT extends ExamplesITSupport {

    @Autowired
    OrderSagaDemo demo;
    @Autowired
    OrderRepository orders;

    @Test
    void thousandOrdersEndShippedOrCancelledWithConsistentStockAndOrderedEvents() {
        assertPassed(demo.run(new DemoConsole("order-saga"), 1000));
        assertThat(WireMockServices.server().getAllServeEvents())
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"SLOW\""))
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("\"card\":\"DECLINE\""));
    }

    @Test
    void theCheckBackCommitsOnlyOrdersThatExist() {
        assertThat(orders.transactionState("no-such-order")).isEqualTo("ROLLBACK");
        Map<String, Long> none = orders.countByStatus("no-such-order");
        assertThat(none).isEmpty();
    }
}

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
        try (CapturedLogs logs = new CapturedLogs()) {
            assertPassed(demo.run(new DemoConsole("order-saga"), 1000));
            // expected failures are one line each, naming the order and the reason; no stack trace
            assertThat(logs.warnings()).allSatisfy(event -> assertThat(event.getThrowableProxy())
                    .as(event.getFormattedMessage()).isNull());
            assertThat(logs.warnings()).extracting(event -> event.getFormattedMessage())
                    .anyMatch(line -> line.matches("Order \\S+-order-\\d+ rolled back: local transaction failed \\(injected\\)"))
                    .anyMatch(line -> line.matches("Order \\S+-order-\\d+ cancelled: payment_declined"));
        }
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

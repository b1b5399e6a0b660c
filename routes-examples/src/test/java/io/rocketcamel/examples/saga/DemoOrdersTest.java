package io.rocketcamel.examples.saga;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoOrdersTest {

    private final Map<String, Integer> stock = new HashMap<>();

    @Test
    void ordersThatFailedToBePlacedWithoutBeingMeantToAreNamed() throws Exception {
        DemoOrders batch = new DemoOrders(stock::put, "run", 40, OrderEvent.CREATED, dice -> dice < 50 ? "LOCAL_FAIL" : "VISA");
        // the broker refused every send: each order failed, as the failing cards' orders do
        Set<String> failed = batch.place(order -> {
            throw new CamelExecutionException("broker refused", null);
        });

        assertThat(failed).hasSize(40);
        Set<String> visa = batch.orders().stream().filter(order -> order.card().equals("VISA")).map(OrderEvent::orderId)
                .collect(Collectors.toSet());
        assertThat(visa).isNotEmpty();
        assertThat(batch.placedOtherwiseThanMeant(failed, order -> order.card().equals("LOCAL_FAIL")))
                .containsExactlyInAnyOrderElementsOf(visa);
        assertThat(stock).hasSize(3);
    }

    @Test
    void ordersPlacedAsTheirCardsMeantAreNotNamed() throws Exception {
        DemoOrders batch = new DemoOrders(stock::put, "run", 40, OrderEvent.CREATED, dice -> dice < 50 ? "LOCAL_FAIL" : "VISA");
        Set<String> failed = batch.place(order -> {
            if (order.card().equals("LOCAL_FAIL")) {
                throw new CamelExecutionException("local transaction failed", null);
            }
        });

        assertThat(batch.placedOtherwiseThanMeant(failed, order -> order.card().equals("LOCAL_FAIL"))).isEmpty();
    }
}

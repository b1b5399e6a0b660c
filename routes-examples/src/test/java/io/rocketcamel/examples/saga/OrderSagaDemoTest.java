package io.rocketcamel.examples.saga;

import java.util.List;
import org.junit.jupiter.api.Test;
import static io.rocketcamel.examples.saga.OrderEvent.CANCELLED;
import static io.rocketcamel.examples.saga.OrderEvent.CREATED;
import static io.rocketcamel.examples.saga.OrderEvent.INVENTORY_DEDUCTED;
import static org.assertj.core.api.Assertions.assertThat;

class OrderSagaDemoTest {

    @Test
    void aRedeliveredRunOfEventsKeepsTheSagaOrder() {
        // seen in CI: the first order's events delivered again as a run
        List<String> replayed = List.of(CREATED, INVENTORY_DEDUCTED, CREATED, INVENTORY_DEDUCTED, CANCELLED, CANCELLED);

        assertThat(OrderSagaDemo.withoutRepeats(replayed)).containsExactly(CREATED, INVENTORY_DEDUCTED, CANCELLED);
        assertThat(OrderSagaDemo.VALID_HISTORIES).contains(OrderSagaDemo.withoutRepeats(replayed));
    }

    @Test
    void eventsOutOfSagaOrderStayOutOfOrder() {
        List<String> swapped = List.of(INVENTORY_DEDUCTED, CREATED, CANCELLED);

        assertThat(OrderSagaDemo.VALID_HISTORIES).doesNotContain(OrderSagaDemo.withoutRepeats(swapped));
        assertThat(OrderSagaDemo.VALID_HISTORIES)
                .doesNotContain(OrderSagaDemo.withoutRepeats(List.of(CREATED, CANCELLED, INVENTORY_DEDUCTED)));
    }
}

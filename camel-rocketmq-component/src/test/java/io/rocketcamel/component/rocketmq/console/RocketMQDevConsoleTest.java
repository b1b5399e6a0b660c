package io.rocketcamel.component.rocketmq.console;

import io.rocketcamel.component.rocketmq.ConsumeMode;
import io.rocketcamel.component.rocketmq.MessageModel;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console page lists the consumer routes, then reads each group's lag: a route may be removed in between. */
class RocketMQDevConsoleTest {

    @Test
    void aRouteRemovedAfterTheListingShowsItsLagAsUnknownNotAFailedPage() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            RocketMQDevConsole console = new RocketMQDevConsole();
            console.setCamelContext(context);
            ConsumerView gone = new ConsumerView("removed-route", "rocketmq://orders", "orders", "orders-g",
                    MessageModel.CLUSTERING, ConsumeMode.CONCURRENTLY, 1, "*", 16, "Started");

            JsonObject lag = console.lagJson(gone, new ClientConsumeStats(context, 3000));

            assertThat(lag).containsEntry("consumerGroup", "orders-g").containsEntry("topic", "orders");
            assertThat((String) lag.get("error")).contains("removed-route", "removed");
        }
    }
}

package io.rocketcamel.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocketcamel.examples.saga.OrderEvent;
import io.rocketcamel.examples.saga.OrderRepository;
import io.rocketcamel.examples.saga.OrderSagaRoutes;
import io.rocketcamel.examples.saga.PaymentGateway;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The order-saga load scenario's accounting without a broker: an order finishes only on the final event it should have
 * (a DECLINE card cancelled as declined, any other shipped), not on any final event.
 */
class OrderSagaLoadEndStateTest {

    /** Keeps no stock: the scenario's orders are played by the test. */
    private static final class NoStock extends OrderRepository {
        NoStock() {
            super(null);
        }

        @Override
        public void stock(String sku, int available) {
        }
    }

    @Test
    void anOrderThatShouldShipButWasCancelledDoesNotFinish() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            List<OrderEvent> placed = new ArrayList<>();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(OrderSagaRoutes.PLACE_ORDER).process(e -> placed.add(e.getMessage().getBody(OrderEvent.class)));
                }
            });
            camel.start();
            OrderSagaLoad load = new OrderSagaLoad(camel.createProducerTemplate(), new NoStock());
            Tracker tracker = new Tracker();
            load.prepare(tracker);
            // orders 0-3 carry a DECLINE card, 4 and 5 a VISA
            for (int n = 0; n < 6; n++) {
                load.start(n, tracker);
            }
            OrderEvent declined = placed.get(0);
            OrderEvent visa = placed.get(4);
            OrderEvent visaShipped = placed.get(5);
            assertThat(declined.card()).isEqualTo("DECLINE");
            assertThat(visa.card()).isEqualTo("VISA");

            load.completed("order-history", history(camel, declined.next(OrderEvent.CANCELLED, PaymentGateway.DECLINED)), tracker);
            // every approved charge declined: the VISA order is cancelled instead of shipped
            load.completed("order-history", history(camel, visa.next(OrderEvent.CANCELLED, PaymentGateway.DECLINED)), tracker);
            load.completed("order-history", history(camel, visaShipped.next(OrderEvent.SHIPPED, null)), tracker);

            assertThat(tracker.finished()).as("orders finished: the declined one and the shipped one").isEqualTo(2);
            assertThat(tracker.inFlight()).as("orders not finished: 3 not yet ended, 1 ended wrongly").isEqualTo(4);

            // a payment the client gave up on (the gateway answered late): cancelled, voided, finished, counted apart
            load.completed("order-history", history(camel, placed.get(1).next(OrderEvent.CANCELLED, "payment_timeout")), tracker);
            assertThat(tracker.finished()).as("orders finished with the timed-out one").isEqualTo(3);
            ObjectNode json = new ObjectMapper().createObjectNode();
            load.putInto(json);
            assertThat(json.path("endedOtherwise").asLong(-1)).as(json.toString()).isEqualTo(1);
            assertThat(json.path("paymentTimeouts").asLong(-1)).as(json.toString()).isEqualTo(1);
            assertThat(load.note()).contains(visa.orderId() + " (card VISA) ended CANCELLED payment_declined, not SHIPPED");
        }
    }

    private static Exchange history(CamelContext camel, OrderEvent event) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(event);
        return exchange;
    }
}

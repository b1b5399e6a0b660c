package io.rocketcamel.examples.saga;

import io.rocketcamel.examples.demo.Await;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.demo.DemoScenario;
import io.rocketcamel.examples.demo.ScenarioResult;
import io.rocketcamel.examples.demo.ScenarioResult.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The order saga again, written with the Saga EIP: orders with stock-outs, declined and slow cards and lost payments
 * (whose sagas only their timeout ends), then the same end state as the hand-made saga (every order SHIPPED or
 * CANCELLED, stock = initial - shipped) plus what the saga service promises: no cancelled order keeps stock or money,
 * each callback succeeded once, the lost orders were compensated by their timeout, failed compensations were retried.
 */
@Component
@Order(6)
public class OrderSagaEipDemo implements DemoScenario {

    private final ProducerTemplate producer;
    private final EipOrders orders;
    private final OrderRepository stock;
    private final Duration timeout;

    public OrderSagaEipDemo(ProducerTemplate producer, EipOrders orders, OrderRepository stock,
            @Value("${rocketcamel.demo.saga-eip.timeout:10s}") Duration timeout) {
        this.producer = producer;
        this.orders = orders;
        this.stock = stock;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "order-saga-eip";
    }

    @Override
    public ScenarioResult run(DemoConsole console) {
        return run(console, 200);
    }

    public ScenarioResult run(DemoConsole console, int count) {
        String run = "eip-" + UUID.randomUUID().toString().substring(0, 8);
        DemoOrders batch = new DemoOrders(stock::stock, run, count, "order_placed", OrderSagaEipDemo::card);
        long lost = batch.orders().stream().filter(order -> order.card().equals(OrderSagaEipRoutes.LOST_CARD)).count();
        long begin = System.nanoTime();
        Set<String> rejected;
        try {
            rejected = batch.place(order -> producer.sendBody(OrderSagaEipRoutes.PLACE_ORDER, order));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ScenarioResult(false, List.of("FAIL interrupted while placing orders"));
        }
        console.stage("placed %d orders, each a saga of order, inventory, payment and shipping (%d could not be placed);"
                      + " %d lost by the payment service wait for their %d s timeout", count,
                rejected.size(), lost, timeout.toSeconds());

        Await.until(timeout.plusSeconds(120), () -> orders.isFinished(run));
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Long> byStatus = orders.countByStatus(run);
        Map<String, Long> callbacks = orders.callbackCounts(run);
        long shipped = byStatus.getOrDefault("SHIPPED", 0L);
        long cancelled = byStatus.getOrDefault("CANCELLED", 0L);
        List<Check> checks = new ArrayList<>();
        long rows = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long placedWithoutRow = batch.orders().stream().filter(order -> !rejected.contains(order.orderId()))
                .filter(order -> !orders.exists(order.orderId())).count();
        // no card of this demo makes placing fail: a rejected order is a broker or database failure
        checks.add(new Check(rejected.isEmpty(), "every order was placed" + (rejected.isEmpty() ? ""
                : ", not " + rejected.size() + " e.g. " + rejected.iterator().next())));
        checks.add(new Check(orders.isFinished(run) && shipped + cancelled == rows && placedWithoutRow == 0,
                String.format("every order ended SHIPPED or CANCELLED in %.1f s: %s", seconds, byStatus)));
        List<String> badStock = batch.badStock(orders::shippedQuantity, stock::available);
        checks.add(new Check(badStock.isEmpty(), "stock = initial - shipped for every SKU"
                + (badStock.isEmpty() ? "" : ", not for " + badStock)));
        long inconsistent = orders.inconsistent(run);
        checks.add(new Check(inconsistent == 0, "no cancelled order keeps stock or money, every shipped one has both"
                + (inconsistent == 0 ? "" : ": " + inconsistent + " do not")));
        boolean once = callbacks.keySet().stream().allMatch(key -> key.endsWith(":1"))
                && callbacks.getOrDefault("order-completed:1", 0L) == shipped
                && callbacks.getOrDefault("cancel-order:1", 0L) == cancelled;
        checks.add(new Check(once, "each callback succeeded once (callback:times -> orders): " + callbacks));
        Map<String, Long> lostEnds = orders.endsOfCard(run, OrderSagaEipRoutes.LOST_CARD);
        long lostByTimeout = lostEnds.getOrDefault("CANCELLED saga_timeout", 0L);
        checks.add(new Check(lostByTimeout + lostEnds.getOrDefault("CANCELLED insufficient_inventory", 0L) == lost,
                "the " + lost + " lost orders were cancelled, " + lostByTimeout + " by their saga's timeout, the others"
                + " for lack of stock before; cancelled by reason: " + orders.cancelledByReason(run)));
        long retried = orders.retried(run);
        boolean declines = batch.orders().stream().anyMatch(order -> order.card().equals("DECLINE"));
        checks.add(new Check(retried > 0 || !declines,
                retried + " compensations succeeded on a later attempt after an injected failure"));
        return ScenarioResult.of(checks);
    }

    private static String card(int dice) {
        if (dice < 8) {
            return "DECLINE";
        }
        if (dice < 11) {
            return "SLOW";
        }
        return dice < 13 ? OrderSagaEipRoutes.LOST_CARD : "VISA";
    }
}

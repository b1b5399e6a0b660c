package io.rocketcamel.examples.saga;

import io.rocketcamel.examples.demo.Await;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.demo.DemoScenario;
import io.rocketcamel.examples.demo.ScenarioResult;
import io.rocketcamel.examples.demo.ScenarioResult.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Places orders with injected stock-outs, declined and slow cards and failing local transactions, then checks that
 * every committed order ended where its card and stock say it should (shipped unless it found no stock or its card is
 * declined or slow, and some shipped), that rolled-back orders left no trace, that stock adds up, and that each order's
 * events are the saga's steps up to where it ended, in order.
 */
@Component
@Order(1)
public class OrderSagaDemo implements DemoScenario {

    static final List<List<String>> VALID_HISTORIES = List.of(
            List.of(OrderEvent.CREATED, OrderEvent.INVENTORY_DEDUCTED, OrderEvent.PAYMENT_SUCCESS, OrderEvent.SHIPPED),
            List.of(OrderEvent.CREATED, OrderEvent.INVENTORY_DEDUCTED, OrderEvent.CANCELLED),
            List.of(OrderEvent.CREATED, OrderEvent.CANCELLED));

    private final ProducerTemplate producer;
    private final OrderRepository orders;

    public OrderSagaDemo(ProducerTemplate producer, OrderRepository orders) {
        this.producer = producer;
        this.orders = orders;
    }

    @Override
    public String name() {
        return "order-saga";
    }

    @Override
    public ScenarioResult run(DemoConsole console) {
        return run(console, 200);
    }

    public ScenarioResult run(DemoConsole console, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        DemoOrders batch = new DemoOrders(orders::stock, run, count, OrderEvent.CREATED, OrderSagaDemo::card);
        long begin = System.nanoTime();
        // Customers place orders concurrently; each order's own events stay in order through its order key.
        Set<String> rolledBack;
        try {
            rolledBack = batch.place(order -> producer.sendBody(OrderSagaRoutes.PLACE_ORDER, order));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ScenarioResult(false, List.of("FAIL interrupted while placing orders"));
        }
        Set<String> committed = batch.orders().stream().map(OrderEvent::orderId)
                .filter(id -> !rolledBack.contains(id)).collect(Collectors.toSet());
        console.stage("placed %d orders as transactional messages: %d committed, %d rolled back by a failing local transaction",
                count, committed.size(), rolledBack.size());

        Await.until(Duration.ofSeconds(120), () -> finished(run, committed));
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Long> byStatus = orders.countByStatus(run);
        Map<String, List<String>> histories = orders.histories(run);
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(byStatus.keySet().stream().allMatch(s -> s.equals("SHIPPED") || s.equals("CANCELLED"))
                        && byStatus.values().stream().mapToLong(Long::longValue).sum() == committed.size(),
                String.format("every committed order ended SHIPPED or CANCELLED in %.1f s: %s", seconds, byStatus)));
        List<OrderRepository.EndState> ends = orders.endStates(run);
        List<String> wrongEnds = ends.stream().filter(end -> !OrderEnds.expected(end.card(), end.reserved()).contains(OrderEnds.of(end)))
                .map(end -> String.format("%s (card %s, stock %s) ended %s, not %s", end.id(), end.card(),
                        end.reserved() ? "reserved" : "not reserved", OrderEnds.of(end), String.join(" or ", OrderEnds.expected(end.card(), end.reserved()))))
                .toList();
        List<OrderRepository.EndState> mustShip = ends.stream()
                .filter(end -> OrderEnds.expected(end.card(), end.reserved()).get(0).equals(OrderEnds.SHIPPED)).toList();
        long shipped = mustShip.stream().filter(end -> OrderEnds.of(end).equals(OrderEnds.SHIPPED)).count();
        long timedOut = mustShip.stream().filter(end -> OrderEnds.of(end).equals(OrderEnds.TIMED_OUT)).count();
        boolean fewTimeouts = timedOut * 10 <= mustShip.size();
        checks.add(new Check(wrongEnds.isEmpty() && shipped > 0 && fewTimeouts, String.format("every order ended as its"
                        + " card and stock say (no stock: cancelled insufficient_inventory; DECLINE: cancelled payment_declined;"
                        + " SLOW: cancelled payment_timeout; any other: shipped, or cancelled payment_timeout when the gateway"
                        + " answered late, for at most a tenth): %d of %d shipped, %d timed out", shipped, mustShip.size(), timedOut)
                + (shipped == 0 ? ", none shipped" : "") + (fewTimeouts ? "" : ", more than a tenth timed out")
                + (wrongEnds.isEmpty() ? "" : ", not " + wrongEnds.size() + " e.g. " + wrongEnds.get(0))));
        List<String> unexpected = batch.placedOtherwiseThanMeant(rolledBack,
                order -> OrderRepository.FAILING_LOCAL_TRANSACTION.equals(order.card()));
        checks.add(new Check(unexpected.isEmpty(), "exactly the orders whose local transaction fails were rolled back"
                + (unexpected.isEmpty() ? "" : ", not " + unexpected.size() + " e.g. " + unexpected.get(0))));
        checks.add(new Check(rolledBack.stream().noneMatch(id -> orders.status(id).isPresent() || histories.containsKey(id)),
                "rolled-back orders left no row and no event: " + rolledBack.size()));
        List<String> badStock = batch.badStock(orders::shippedQuantity, orders::available);
        checks.add(new Check(badStock.isEmpty(), "stock = initial - shipped for every SKU" + (badStock.isEmpty() ? "" : ", not for " + badStock)));
        // each order's events: the saga's steps up to where the order ended (a cancelled one's, up to where it failed)
        Map<String, OrderRepository.EndState> endById = ends.stream()
                .collect(Collectors.toMap(OrderRepository.EndState::id, end -> end));
        List<String> outOfOrder = committed.stream().filter(id -> {
            List<String> seen = withoutRepeats(histories.getOrDefault(id, List.of()));
            OrderRepository.EndState end = endById.get(id);
            return end == null ? !VALID_HISTORIES.contains(seen) : !historyFor(end).equals(seen);
        }).sorted().toList();
        checks.add(new Check(outOfOrder.isEmpty(), "every order's events are the saga's steps up to its end, in order"
                + (outOfOrder.isEmpty() ? "" : ", not for " + outOfOrder.size() + " e.g. " + outOfOrder.get(0) + " "
                        + histories.get(outOfOrder.get(0)))));
        return ScenarioResult.of(checks);
    }

    /** The events an order that ended so had, in saga order. */
    private static List<String> historyFor(OrderRepository.EndState end) {
        if (end.status().equals(OrderEnds.SHIPPED)) {
            return VALID_HISTORIES.get(0);
        }
        return end.reserved() ? VALID_HISTORIES.get(1) : VALID_HISTORIES.get(2);
    }

    private boolean finished(String run, Set<String> committed) {
        Map<String, List<String>> histories = orders.histories(run);
        return committed.stream().allMatch(id -> {
            List<String> events = histories.get(id);
            return events != null && VALID_HISTORIES.contains(withoutRepeats(events));
        });
    }

    /**
     * At-least-once delivery may repeat events, not only one at a time: when a queue moves to another consumer, every
     * event after its last committed offset arrives again, as a run. The order of first arrivals is the saga's order.
     */
    static List<String> withoutRepeats(List<String> events) {
        return List.copyOf(new LinkedHashSet<>(events));
    }

    private static String card(int dice) {
        if (dice < 10) {
            return OrderRepository.FAILING_LOCAL_TRANSACTION;
        }
        if (dice < 15) {
            return "DECLINE";
        }
        return dice < 18 ? "SLOW" : "VISA";
    }
}

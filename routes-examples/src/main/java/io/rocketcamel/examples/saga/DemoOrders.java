package io.rocketcamel.examples.saga;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.apache.camel.CamelExecutionException;

/**
 * The orders of one demo run: three SKUs stocked at about two thirds of the demand (the last orders of each find it
 * sold out), random quantities, amounts and cards, placed by concurrent customers.
 */
final class DemoOrders {

    private static final int CUSTOMERS = 4;

    private final Map<String, Integer> initialStock = new LinkedHashMap<>();
    private final List<OrderEvent> orders = new ArrayList<>();

    /**
     * @param stock sets a SKU's available stock
     * @param card  the card of an order, given a dice roll from 0 to 99
     */
    DemoOrders(ObjIntConsumer<String> stock, String run, int count, String type, IntFunction<String> card) {
        for (String sku : List.of("A", "B", "C")) {
            initialStock.put(run + "-" + sku, count * 2 / 3);
            stock.accept(run + "-" + sku, count * 2 / 3);
        }
        List<String> skus = List.copyOf(initialStock.keySet());
        Random random = new Random(count);
        for (int i = 0; i < count; i++) {
            orders.add(new OrderEvent(type, run + "-order-" + i, skus.get(random.nextInt(skus.size())), 1 + random.nextInt(3),
                    BigDecimal.valueOf(1000 + random.nextInt(9000), 2), card.apply(random.nextInt(100)), null));
        }
    }

    List<OrderEvent> orders() {
        return orders;
    }

    /**
     * Each order placed by one of the customers, who place theirs concurrently.
     *
     * @return the ids of the orders whose placing failed
     */
    Set<String> place(Consumer<OrderEvent> placing) throws InterruptedException {
        Set<String> failed = ConcurrentHashMap.newKeySet();
        ExecutorService customers = Executors.newFixedThreadPool(CUSTOMERS);
        try {
            customers.invokeAll(orders.stream().map(order -> (Callable<Void>) () -> {
                try {
                    placing.accept(order);
                } catch (CamelExecutionException notPlaced) {
                    failed.add(order.orderId());
                }
                return null;
            }).toList());
        } finally {
            customers.shutdown();
        }
        return failed;
    }

    /**
     * The orders whose placing did not go as their card meant it to: failed although not meant to fail (the broker or
     * the database refused), or placed although meant to fail.
     */
    List<String> placedOtherwiseThanMeant(Set<String> failed, Predicate<OrderEvent> meantToFail) {
        return orders.stream().filter(order -> failed.contains(order.orderId()) != meantToFail.test(order))
                .map(OrderEvent::orderId).sorted().toList();
    }

    /** The SKUs whose available stock is not the initial stock minus what shipped. */
    List<String> badStock(ToIntFunction<String> shipped, ToIntFunction<String> available) {
        return initialStock.entrySet().stream()
                .filter(sku -> sku.getValue() - shipped.applyAsInt(sku.getKey()) != available.applyAsInt(sku.getKey()))
                .map(Map.Entry::getKey).toList();
    }
}

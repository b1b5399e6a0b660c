package io.rocketcamel.starter;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters that several routes register alike (two routes of one group and topic, or one group's dead-letter gauge for
 * each of its topics): Micrometer hands each route the same meter, so it leaves the registry only with the last route
 * that holds it.
 */
final class MeterLeases {

    private final MeterRegistry registry;
    private final Map<Meter.Id, Integer> holders = new HashMap<>();

    MeterLeases(MeterRegistry registry) {
        this.registry = registry;
    }

    synchronized <M extends Meter> M hold(M meter) {
        holders.merge(meter.getId(), 1, Integer::sum);
        return meter;
    }

    synchronized void release(Meter meter) {
        Integer left = holders.merge(meter.getId(), -1, Integer::sum);
        if (left == null || left <= 0) {
            holders.remove(meter.getId());
            registry.remove(meter);
        }
    }
}

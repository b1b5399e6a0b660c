package io.rocketcamel.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * Where the CPU went during a phase: JFR execution samples of the whole JVM (broker included, as it shares the two
 * cores), each charged to the first frame from the top that belongs to a known layer, so time spent in the JDK on
 * behalf of, say, the client counts for the client.
 *
 * @param layers share of samples per layer, largest first
 * @param hottest the methods most often on top of the stack, with their share
 */
record Profile(int samples, Map<String, Double> layers, List<Map.Entry<String, Double>> hottest) {

    static final Profile NONE = new Profile(0, Map.of(), List.of());

    double share(String layer) {
        return layers.getOrDefault(layer, 0.0);
    }
}

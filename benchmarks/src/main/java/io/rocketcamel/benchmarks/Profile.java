package io.rocketcamel.benchmarks;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    /** One profile of several recordings, each weighted by its sample count. */
    static Profile merge(List<Profile> profiles) {
        int samples = profiles.stream().mapToInt(Profile::samples).sum();
        if (samples == 0) {
            return NONE;
        }
        Map<String, Double> layers = new HashMap<>();
        Map<String, Double> hottest = new HashMap<>();
        for (Profile profile : profiles) {
            double weight = (double) profile.samples() / samples;
            profile.layers().forEach((layer, share) -> layers.merge(layer, share * weight, Double::sum));
            profile.hottest().forEach(e -> hottest.merge(e.getKey(), e.getValue() * weight, Double::sum));
        }
        return new Profile(samples, ranked(layers).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new)),
                ranked(hottest).stream().limit(5).toList());
    }

    static List<Map.Entry<String, Double>> ranked(Map<String, Double> shares) {
        return shares.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
    }

    double share(String layer) {
        return layers.getOrDefault(layer, 0.0);
    }
}

package io.rocketcamel.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/** A JFR recording of execution samples around one phase, reduced to a {@link Profile}. */
final class Profiler implements AutoCloseable {

    static final String JDK = "JDK and other";

    /** Package prefixes to layer names; the first match wins, so the more specific prefixes come first. */
    private static final Map<String, String> LAYERS = layers(
            "io.rocketcamel.benchmarks", "benchmark harness",
            "io.rocketcamel.component", "rocketcamel component",
            "org.apache.camel.component.rocketmq", "camel-rocketmq component",
            "org.apache.camel", "Camel core",
            "org.apache.rocketmq.client", "RocketMQ client",
            "org.apache.rocketmq.remoting", "remoting (Netty)",
            "io.netty", "remoting (Netty)",
            "org.apache.rocketmq.broker", "broker and store",
            "org.apache.rocketmq.store", "broker and store",
            "org.apache.rocketmq.namesrv", "broker and store",
            "org.apache.rocketmq", "RocketMQ common",
            "org.HdrHistogram", "benchmark harness");

    private final Recording recording = new Recording();

    Profiler() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.start();
    }

    Profile stop() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("rocketcamel-bench", ".jfr");
        try {
            recording.dump(file);
            return summarize(RecordingFile.readAllEvents(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Profile summarize(List<RecordedEvent> events) {
        Map<String, Integer> layers = new HashMap<>();
        Map<String, Integer> hottest = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : events) {
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            layers.merge(layer(stack.getFrames()), 1, Integer::sum);
            RecordedFrame top = stack.getFrames().get(0);
            hottest.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
        }
        double total = samples;
        Map<String, Double> layerShares = new HashMap<>();
        layers.forEach((layer, count) -> layerShares.put(layer, count * 100 / total));
        Map<String, Double> hottestShares = new HashMap<>();
        hottest.forEach((method, count) -> hottestShares.put(method, count * 100 / total));
        return Profile.merge(List.of(new Profile(samples, layerShares, Profile.ranked(hottestShares).stream().limit(5).toList())));
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (type.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
        }
        return JDK;
    }

    private static Map<String, String> layers(String... prefixAndName) {
        Map<String, String> layers = new LinkedHashMap<>();
        for (int i = 0; i < prefixAndName.length; i += 2) {
            layers.put(prefixAndName[i], prefixAndName[i + 1]);
        }
        return layers;
    }

    @Override
    public void close() {
        recording.close();
    }
}

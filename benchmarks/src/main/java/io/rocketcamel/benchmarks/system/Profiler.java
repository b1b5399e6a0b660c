package io.rocketcamel.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Java Flight Recorder's method samples while one workload runs, boiled down to the methods the sampled threads were
 * in (the top frame) and, for the same samples, the layer they were in (the first frame, from the top, in RocketMQ's
 * store, broker, remoting or client, ours, Camel, Netty or the harness): what bounds a workload, measured rather than
 * guessed. JFR samples only threads running Java code, so a thread blocked in
 * a system call (a disk flush, a socket read) shows in {@link ThreadCpu}'s kernel times, not here.
 */
public final class Profiler implements AutoCloseable {

    private static final int TOP = 8;
    private static final List<String> LAYERS = List.of("org.apache.rocketmq.store.", "org.apache.rocketmq.broker.",
            "org.apache.rocketmq.remoting.", "org.apache.rocketmq.client.", "io.rocketcamel.component.", "org.apache.camel.",
            "io.netty.", "io.rocketcamel.benchmarks.");

    /** @param share of all samples taken while the workload ran */
    public record Share(String name, double share) {
    }

    /** @param topFrames where the samples were; {@code layers}: the package of the first frame in one of {@link #LAYERS} */
    public record Profile(long samples, List<Share> topFrames, List<Share> layers) {
    }

    private final Recording recording = new Recording();

    /**
     * Starts and stops Java Flight Recorder once, recording nothing, so that its first start happens before the JIT
     * warm-up rather than in the first workload's rounds. That first start made 6,109 compiled methods not entrant
     * (String's and Unsafe's among them) in a sync-1 run, and the compilers then took a core for some 15 s: the
     * first peers of the first workload were measured while the JVM compiled everything again.
     */
    public static void startJfrOnce() {
        try (Recording warmUp = new Recording()) {
            warmUp.start();
            warmUp.stop();
        }
    }

    public Profiler() {
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.start();
    }

    /** Stops the recording and sums it up; null when nothing could be read. */
    public Profile stop() {
        recording.stop();
        Path file = null;
        try {
            file = Files.createTempFile("workload", ".jfr");
            recording.dump(file);
            return summarise(file);
        } catch (IOException e) {
            return null;
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static Profile summarise(Path file) throws IOException {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> layers = new HashMap<>();
        long samples = 0;
        try (RecordingFile events = new RecordingFile(file)) {
            while (events.hasMoreEvents()) {
                RecordedEvent event = events.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                        || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                top.merge(name(frames.get(0)), 1, Integer::sum);
                layers.merge(layer(frames), 1, Integer::sum);
            }
        }
        return new Profile(samples, shares(top, samples), shares(layers, samples));
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (String layer : LAYERS) {
                if (type.startsWith(layer)) {
                    return layer.substring(0, layer.length() - 1);
                }
            }
        }
        return "JDK only";
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static List<Share> shares(Map<String, Integer> counts, long samples) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP).map(e -> new Share(e.getKey(), samples == 0 ? 0 : (double) e.getValue() / samples)).toList();
    }

    @Override
    public void close() {
        recording.close();
    }
}

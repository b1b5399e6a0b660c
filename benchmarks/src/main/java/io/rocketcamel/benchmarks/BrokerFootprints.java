package io.rocketcamel.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rocketcamel.benchmarks.report.RunResult.BrokerFootprint;
import io.rocketcamel.benchmarks.system.CpuTicks;
import io.rocketcamel.benchmarks.system.Memory;
import io.rocketcamel.benchmarks.system.MemorySampler;
import io.rocketcamel.broker.ChildJvm;
import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import io.rocketcamel.broker.EmbeddedRocketMQBrokerBuilder;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;

/**
 * The embedded broker alone, in a JVM of its own ({@code -Xmx512m}), once with its defaults and once with each of
 * its storage and timer defaults set back to RocketMQ's: memory and CPU at rest, then memory and disk after a load
 * spread over many topics. Each variant runs in a fresh child JVM so no variant inherits another's pages.
 */
final class BrokerFootprints {

    private static final String MARKER = "FOOTPRINT ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOPICS = 20;

    /** Variant name to the broker properties that set RocketMQ's own default back. */
    static final Map<String, List<String>> VARIANTS = variants();

    private BrokerFootprints() {
    }

    private static Map<String, List<String>> variants() {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("embedded defaults", List.of());
        variants.put("commit-log files of 1 GiB (RocketMQ's default; embedded: 64 MiB)", List.of("mappedFileSizeCommitLog=1073741824"));
        variants.put("consume-queue files of 300,000 entries (RocketMQ's; embedded: 100,000)", List.of("mappedFileSizeConsumeQueue=6000000"));
        variants.put("index of 5,000,000 slots, 20,000,000 entries (RocketMQ's; embedded: 50,000 and 200,000)",
                List.of("maxHashSlotNum=5000000", "maxIndexNum=20000000"));
        variants.put("timer wheel flushed every 1 s (RocketMQ's; embedded: 10 s, on a temporary store 10 min)",
                List.of("timerFlushIntervalMs=1000"));
        variants.put("timer progress logged every 10 s (RocketMQ's; embedded: 10 min)", List.of("timerProgressLogIntervalMs=10000"));
        return variants;
    }

    /** Runs every variant in a child JVM, one after the other. */
    static List<BrokerFootprint> measure(boolean smoke, PrintStream progress) {
        List<BrokerFootprint> footprints = new ArrayList<>();
        VARIANTS.forEach((variant, properties) -> {
            progress.println("footprint: " + variant);
            footprints.add(child(variant, properties, smoke));
        });
        return footprints;
    }

    private static BrokerFootprint child(String variant, List<String> properties, boolean smoke) {
        try (ChildJvm child = ChildJvm.startInOwnDirectory(dir -> {
            List<String> command = new ArrayList<>(List.of(ChildJvm.java(), "-Xmx512m", "-Djava.io.tmpdir=" + dir, "-cp",
                    ChildJvm.currentClasspath(), BrokerFootprints.class.getName(), variant, smoke ? "smoke" : "full"));
            command.addAll(properties);
            return command;
        }, MARKER, Duration.ofMinutes(3))) {
            return JSON.readValue(child.readyLine().substring(MARKER.length()), BrokerFootprint.class);
        } catch (Exception e) {
            return new BrokerFootprint(variant, String.join(" ", properties), 0, null, 0, null, 0, "failed: " + e.getMessage());
        }
    }

    /** The child: {@code variant smoke|full key=value...}; prints one line, {@value #MARKER} and its JSON. */
    public static void main(String[] args) throws Exception {
        boolean smoke = args[1].equals("smoke");
        List<String> properties = Arrays.asList(args).subList(2, args.length);
        EmbeddedRocketMQBrokerBuilder builder = EmbeddedRocketMQBroker.builder();
        for (String property : properties) {
            String[] keyValue = property.split("=", 2);
            builder.brokerProperty(keyValue[0], keyValue[1]);
        }
        long begin = System.nanoTime();
        try (EmbeddedRocketMQBroker broker = builder.start()) {
            double startSeconds = (System.nanoTime() - begin) / 1e9;
            Path store = broker.getStoreDir();
            Thread.sleep(smoke ? 500 : 3000);
            System.gc();
            Memory atRest = MemorySampler.settled(() -> Memory.now(store));
            double idleCpu = idleCpuPercent(smoke ? 1 : 20);
            load(broker, smoke ? 6_400 : 200_000);
            System.gc();
            Memory afterLoad = MemorySampler.settled(() -> Memory.now(store));
            BrokerFootprint footprint = new BrokerFootprint(args[0], String.join(" ", properties), startSeconds, atRest, idleCpu,
                    afterLoad, diskMiB(store), null);
            System.out.println(MARKER + JSON.writeValueAsString(footprint));
        }
        System.exit(0);
    }

    /** In percent of one core. */
    private static double idleCpuPercent(int seconds) throws InterruptedException {
        CpuTicks before = CpuTicks.now();
        Thread.sleep(seconds * 1000L);
        return CpuTicks.now().ownCoresSince(before, Runtime.getRuntime().availableProcessors()) * 100;
    }

    /** Batches of 64 messages round-robin over {@value #TOPICS} topics of 8 queues, as many applications' traffic. */
    private static void load(EmbeddedRocketMQBroker broker, int messages) throws Exception {
        List<String> topics = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            topics.add("footprint-" + t);
            broker.createTopic(topics.get(t), BrokerStore.QUEUES);
        }
        DefaultMQProducer producer = new DefaultMQProducer("footprint");
        producer.setNamesrvAddr(broker.getNamesrvAddr());
        producer.start();
        try {
            List<byte[]> bodies = Collections.nCopies(64, Payloads.SHARED);
            for (int sent = 0, t = 0; sent < messages; sent += bodies.size(), t = (t + 1) % TOPICS) {
                String topic = topics.get(t);
                producer.send(bodies.stream().map(body -> new Message(topic, body)).toList());
            }
        } finally {
            producer.shutdown();
        }
    }

    /** Allocated blocks, as {@code du} counts them: sparse mapped files take only what was written. */
    private static long diskMiB(Path store) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-sk", store.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes()).trim();
        du.waitFor();
        try {
            return Long.parseLong(out.split("\\s+")[0]) / 1024;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

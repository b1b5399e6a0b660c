package io.rocketcamel.starter.console;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.rocketcamel.broker.EmbeddedRocketMQBroker;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/**
 * The brokers as they describe themselves (version, commit-log offsets, disk use, throughput), and, when the
 * application runs the embedded broker, its store on disk: commit-log files, consume queues, index files and the
 * file system it is on.
 */
final class Brokers {

    /** The runtime figures the console shows, as the broker names them. */
    private static final List<String> FIGURES = List.of("brokerVersionDesc", "bootTimestamp", "commitLogMinOffset",
            "commitLogMaxOffset", "commitLogDiskRatio", "consumeQueueDiskRatio", "putTps", "getTransferredTps",
            "msgPutTotalTodayNow", "msgGetTotalTodayNow", "dispatchBehindBytes", "EndTransactionQueueSize");

    private Brokers() {
    }

    /** @param figures the broker's runtime figures of {@link #FIGURES}, as strings as it answers them */
    record Broker(String cluster, String brokerName, String address, Map<String, String> figures, String error) {
    }

    static List<Broker> read(DefaultMQAdminExt admin) throws Exception {
        ClusterInfo info = admin.examineBrokerClusterInfo();
        List<Broker> brokers = new ArrayList<>();
        info.getClusterAddrTable().forEach((cluster, names) -> names.stream().sorted().forEach(name -> {
            BrokerData broker = info.getBrokerAddrTable().get(name);
            String address = broker == null ? null : broker.getBrokerAddrs().get(MixAll.MASTER_ID);
            if (address == null) {
                return;
            }
            try {
                Map<String, String> all = admin.fetchBrokerRuntimeStats(address).getTable();
                Map<String, String> figures = new LinkedHashMap<>();
                FIGURES.forEach(figure -> {
                    if (all.containsKey(figure)) {
                        figures.put(figure, all.get(figure));
                    }
                });
                brokers.add(new Broker(cluster, name, address, figures, null));
            } catch (Exception e) {
                brokers.add(new Broker(cluster, name, address, Map.of(), String.valueOf(e.getMessage())));
            }
        }));
        return brokers;
    }

    /**
     * @param files       name and size of each file
     * @param bytes       their sizes together (RocketMQ creates its files at full size, so this is allocated, not
     *                    written; the broker's commitLogMaxOffset says how much was written)
     */
    record FileSet(int count, long bytes, Map<String, Long> files) {
    }

    /**
     * @param consumeQueues one per topic and queue
     */
    record Store(String brokerName, String path, FileSet commitLog, int topics, int consumeQueues, long consumeQueueBytes,
            FileSet index, long storeBytes) {
    }

    /**
     * @param diskTotal  bytes of the file system the store is on
     * @param diskUsable bytes still free on it
     */
    record EmbeddedStore(String storeDir, long diskTotal, long diskUsable, List<Store> brokers) {
    }

    static EmbeddedStore embedded(EmbeddedRocketMQBroker broker) throws IOException {
        List<Store> stores = new ArrayList<>();
        for (String name : broker.getBrokerNames()) {
            MessageStoreConfig config = broker.getBrokerController(name).getMessageStoreConfig();
            Path root = Path.of(config.getStorePathRootDir());
            Path consumeQueues = root.resolve("consumequeue");
            int topics = count(consumeQueues, 1);
            int queues = count(consumeQueues, 2);
            stores.add(new Store(name, root.toString(), files(Path.of(config.getStorePathCommitLog()), true),
                    topics, queues, size(consumeQueues), files(root.resolve("index"), false), size(root)));
        }
        FileStore disk = Files.getFileStore(broker.getStoreDir());
        return new EmbeddedStore(broker.getStoreDir().toString(), disk.getTotalSpace(), disk.getUsableSpace(), stores);
    }

    private static FileSet files(Path directory, boolean listed) throws IOException {
        Map<String, Long> files = new LinkedHashMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(Files::isRegularFile).sorted()
                        .forEach(file -> files.put(file.getFileName().toString(), sizeOf(file)));
            }
        }
        long bytes = files.values().stream().mapToLong(Long::longValue).sum();
        return new FileSet(files.size(), bytes, listed ? files : Map.of());
    }

    /** Directories {@code depth} levels below (topics at 1, their queues at 2). */
    private static int count(Path directory, int depth) throws IOException {
        int[] count = { 0 };
        walk(directory, depth, new Tolerant() {
            // a walk hands the directories at its maximum depth to visitFile
            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
                if (attributes.isDirectory() && directory.relativize(path).getNameCount() == depth) {
                    count[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }

    private static long size(Path directory) throws IOException {
        long[] bytes = { 0 };
        walk(directory, Integer.MAX_VALUE, new Tolerant() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                bytes[0] += attributes.isRegularFile() ? attributes.size() : 0;
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }

    private static void walk(Path directory, int depth, Tolerant visitor) throws IOException {
        if (Files.isDirectory(directory)) {
            Files.walkFileTree(directory, Set.of(), depth, visitor);
        }
    }

    /** Skips what RocketMQ deletes while a walk runs (expired commit-log and index files). */
    private static class Tolerant extends SimpleFileVisitor<Path> {

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            // a file RocketMQ deleted meanwhile
            return 0;
        }
    }
}

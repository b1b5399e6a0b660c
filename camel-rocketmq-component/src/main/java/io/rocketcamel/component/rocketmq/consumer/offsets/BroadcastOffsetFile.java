package io.rocketcamel.component.rocketmq.consumer.offsets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;

/**
 * Where a broadcasting consumer keeps its offsets: one file per group, topic and node, named the same every time the
 * route or the application starts on that node, so it resumes where it stopped. The node is broadcastNodeId, by
 * default the host name and the route id. A file is claimed by one consumer of the JVM at a time: two consumers
 * sharing one would overwrite each other's offsets.
 */
public final class BroadcastOffsetFile implements AutoCloseable {

    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

    private final Path file;

    private BroadcastOffsetFile(Path file) {
        this.file = file;
    }

    public static BroadcastOffsetFile claim(RocketMQConfiguration configuration, String topic, String routeId) {
        String directory = configuration.getOffsetStoreDir() != null ? configuration.getOffsetStoreDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "rocketcamel-offsets").toString();
        String node = configuration.getBroadcastNodeId() != null ? configuration.getBroadcastNodeId()
                : hostName() + "-" + routeId;
        Path file = Path.of(directory, safe(configuration.getConsumerGroup()), safe(topic) + "@" + safe(node) + ".json")
                .toAbsolutePath().normalize();
        if (!CLAIMED.add(file)) {
            throw new IllegalStateException("Another broadcasting consumer of group " + configuration.getConsumerGroup()
                                            + " and topic " + topic + " in this JVM already keeps its offsets in " + file
                                            + " (broadcastNodeId=" + node + "): give each of these routes its own"
                                            + " broadcastNodeId");
        }
        return new BroadcastOffsetFile(file);
    }

    public Path path() {
        return file;
    }

    @Override
    public void close() {
        CLAIMED.remove(file);
    }

    /** Names may hold characters a file name cannot (a namespace's %, a toD topic's braces). */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._%-]", "_");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

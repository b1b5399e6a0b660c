package io.rocketcamel.component.rocketmq.consumer.offsets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a broadcasting consumer keeps its offsets: one file per group, topic and node, named the same every time the
 * route or the application starts on that node, so it resumes where it stopped. The node is broadcastNodeId, by
 * default the host name and the route id. A file is claimed by one consumer at a time, in this JVM and, through a lock
 * file beside it, on the host: two consumers sharing one wrote their progress over each other's, and a node that
 * restarted resumed past messages it never had (two instances of one application on a host, both with the default
 * node name).
 */
public final class BroadcastOffsetFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastOffsetFile.class);
    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

    private final Path file;
    /** Holds the lock on the file's lock file for as long as it is open. */
    private final FileChannel lock;

    private BroadcastOffsetFile(Path file, FileChannel lock) {
        this.file = file;
        this.lock = lock;
    }

    /**
     * @param generatedRouteId whether Camel made the route's id up: it counts routes JVM-wide, so the id changes when
     *                         routes are added or reordered or another CamelContext starts first
     */
    public static BroadcastOffsetFile claim(RocketMQConfiguration configuration, String topic, String routeId,
                                            boolean generatedRouteId) {
        String directory = configuration.getOffsetStoreDir() != null ? configuration.getOffsetStoreDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "rocketcamel-offsets").toString();
        String node = configuration.getBroadcastNodeId() != null ? configuration.getBroadcastNodeId()
                : hostName() + "-" + routeId;
        Path file = Path.of(directory, safe(configuration.getConsumerGroup()), safe(topic) + "@" + safe(node) + ".json")
                .toAbsolutePath().normalize();
        if (configuration.getBroadcastNodeId() == null && generatedRouteId) {
            LOG.warn("Route {} consumes {} BROADCASTING with offsets in {}, named after a route id Camel generated,"
                     + " which changes when routes are added or reordered or another CamelContext of the JVM starts"
                     + " first: the node then finds no file, starts afresh at consumeFromWhere={} and skips what was"
                     + " sent while it was stopped. Give the route an id (routeId) or set broadcastNodeId", routeId,
                    topic, file,
                    configuration.getConsumeFromWhere());
        }
        if (!CLAIMED.add(file)) {
            throw new IllegalStateException("Another broadcasting consumer of group " + configuration.getConsumerGroup()
                                            + " and topic " + topic + " in this JVM already keeps its offsets in " + file
                                            + " (broadcastNodeId=" + node + "): give each of these routes its own"
                                            + " broadcastNodeId");
        }
        try {
            return new BroadcastOffsetFile(file, lock(file, configuration.getConsumerGroup(), topic, node));
        } catch (RuntimeException e) {
            CLAIMED.remove(file);
            throw e;
        }
    }

    private static FileChannel lock(Path file, String group, String topic, String node) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the lock file " + lockFile + " of broadcast offset file " + file, e);
        }
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new IllegalStateException("Another broadcasting consumer in this JVM keeps its offsets in " + file
                                            + ", reached by another path: give each of these routes its own"
                                            + " broadcastNodeId or offsetStoreDir", e);
        } catch (IOException e) {
            // a file system without locks (some network file systems): the offsets still work, unguarded as before
            LOG.warn("Cannot lock {} ({}): a second process keeping the broadcast offsets of group {}, topic {} and node {}"
                     + " in {} would not be refused", lockFile, e.toString(), group, topic, node, file);
            return channel;
        }
        closeQuietly(channel);
        throw new IllegalStateException("Another process (" + lockFile + " is locked: a second instance of this"
                                        + " application on the host, or one with the same node name on a shared"
                                        + " directory) keeps the broadcast offsets of group " + group + ", topic " + topic
                                        + " and node " + node + " in " + file + ". Processes that share a node's offsets"
                                        + " skip each other's unconsumed messages: give each its own broadcastNodeId or"
                                        + " offsetStoreDir");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // it held no lock
            }
        }
    }

    public Path path() {
        return file;
    }

    @Override
    public void close() {
        // the lock file stays: deleting it would let a process that opened it a moment ago lock a file nobody checks
        closeQuietly(lock);
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

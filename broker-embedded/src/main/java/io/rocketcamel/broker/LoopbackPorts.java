package io.rocketcamel.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for servers that are told their port before they bind it: a child process, a database or
 * search node that binds seconds after it was configured, a broker that must come back on the same address. They
 * are picked below the system's ephemeral port range: a port taken from that range (by binding port 0) and not yet
 * bound again is handed by the system to the next bind to port 0 or outgoing connection that asks, such as the
 * broker's or a client's starting beside the server. The ports handed out in this JVM are not handed out twice.
 */
public final class LoopbackPorts {

    private static final int LOWEST = 10_000;
    /** Linux's ephemeral range; where it cannot be read (macOS, Windows) the IANA range, 49152-65535, is assumed. */
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** A port nothing listens on now, e.g. for a name server that must come back on the same address. */
    public static int free() {
        return pick(0, 0);
    }

    /**
     * A port for a broker whose companions are free too: a broker listening on N also listens on N-2 (its fast port)
     * and N+1 (its HA port).
     */
    public static int freeBrokerPort() {
        return pick(2, 1);
    }

    /** A port N with N-below to N+above all free, none of them handed out before. */
    private static int pick(int below, int above) {
        int ephemeralLowest = ephemeralLowest();
        int ceiling = ephemeralLowest - above;
        if (ceiling - LOWEST < 1_000) {
            throw new EmbeddedBrokerException("The ephemeral port range starts at " + ephemeralLowest
                    + ", leaving too few ports between " + LOWEST + " and it to pick from");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST + below, ceiling);
            if (free(port - below, port + above) && HANDED_OUT.add(port)) {
                for (int companion = port - below; companion <= port + above; companion++) {
                    HANDED_OUT.add(companion);
                }
                return port;
            }
        }
        throw new EmbeddedBrokerException("Found no free loopback port between " + LOWEST + " and " + ceiling
                + " in " + ATTEMPTS + " attempts");
    }

    private static boolean free(int from, int to) {
        for (int port = from; port <= to; port++) {
            if (HANDED_OUT.contains(port) || !bindable(port)) {
                return false;
            }
        }
        return true;
    }

    static int ephemeralLowest() {
        try {
            // a line read, not the file: procfs reports a size of 0, and a read sized by it returns a partial value
            try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
                return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException unreadable) {
            return 49_152;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}

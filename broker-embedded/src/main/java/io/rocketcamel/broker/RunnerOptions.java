package io.rocketcamel.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.store.config.BrokerRole;

/**
 * The runner's command line, parsed strictly so that a typo does not start a broker with defaults: every error names
 * the option, the value and what is allowed. A single-valued option, a topic or a property key given twice is refused,
 * not settled by the last one.
 */
final class RunnerOptions {

    static final String USAGE = """
            Usage: java -jar broker-embedded.jar [options]
              With no node option: a name server and one broker in this process (development).
              --namesrv-only         start a name server only
              --namesrv ADDR         start no name server: the broker(s) register with ADDR (host:port, several
                                     separated by ';')
              --layout LAYOUT        the brokers of a layout in this process: one-master, two-masters, 2m-2s-sync
              --port N               port of the name server this process starts (default 9876; 0 = a free port)
              --broker-port N        port of the (first) broker (default 0 = a free port); a fixed N also fixes
                                     the fast port N-2 and the HA port N+1, so a restart comes back on the same address
              --broker-name NAME     default broker-a
              --broker-id N          0 = master (default), 1 and up = slave of the master of the same name
              --role ROLE            ASYNC_MASTER (default for id 0), SYNC_MASTER (acknowledges once the slave holds
                                     a copy: inSyncReplicas=2), SLAVE (default for id 1 and up)
              --cluster-name NAME    default DefaultCluster
              --store DIR            keep the store in DIR across restarts (default: a temporary directory)
              --sync-flush           flush every message to disk before acknowledging it
              --property KEY=VALUE   any BrokerConfig / MessageStoreConfig setting by field name (repeatable), e.g.
                                     transactionCheckInterval=5000, slaveReadEnable=true, maxMessageSize=65536
              --topic NAME[:QUEUES]  create the topic (default 4 queues) on this process's brokers at start, slaves
                                     included (a slave copies its master's topics only every 60 s); repeatable
            Prints 'READY namesrv=HOST:PORT broker=NAME:ID:ROLE@HOST:PORT ... pid=PID' once up; stops on SIGTERM.""";

    private Integer namesrvPort;
    private String namesrv;
    private boolean namesrvOnly;
    private Layout layout;
    private String brokerName;
    private Long brokerId;
    private BrokerRole role;
    private int brokerPort;
    private String clusterName;
    private Path store;
    private boolean syncFlush;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Integer> topics = new LinkedHashMap<>();
    /** Broker options given, for the error when they meet --namesrv-only. */
    private final List<String> brokerOptions = new ArrayList<>();
    /** The single-valued options given, with their values. */
    private final Map<String, String> given = new LinkedHashMap<>();
    private boolean help;

    private RunnerOptions() {
    }

    static RunnerOptions parse(String[] args) {
        RunnerOptions options = new RunnerOptions();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--port" -> options.namesrvPort = port(option, options.single(args, ++i, option));
                case "--namesrv" -> options.namesrv = options.single(args, ++i, option);
                case "--namesrv-only" -> options.namesrvOnly = true;
                case "--layout" -> options.layout = Layout.parse(option, options.broker(option, options.single(args, ++i, option)));
                case "--broker-port" -> options.brokerPort = port(option, options.broker(option, options.single(args, ++i, option)));
                case "--broker-name" -> options.brokerName = options.broker(option, options.single(args, ++i, option));
                case "--broker-id" -> options.brokerId = brokerId(option, options.broker(option, options.single(args, ++i, option)));
                case "--role" -> options.role = role(option, options.broker(option, options.single(args, ++i, option)));
                case "--cluster-name" -> options.clusterName = options.broker(option, options.single(args, ++i, option));
                case "--store" -> options.store = store(options.single(args, ++i, option));
                case "--sync-flush" -> {
                    options.brokerOptions.add(option);
                    options.syncFlush = true;
                }
                case "--property" -> options.property(options.broker(option, valueOf(args, ++i, option)));
                case "--topic" -> options.topic(options.broker(option, valueOf(args, ++i, option)));
                case "--help", "-h" -> options.help = true;
                default -> throw new IllegalArgumentException("Unknown option '" + option + "'");
            }
        }
        options.checkCombinations();
        return options;
    }

    /** The value of an option that may be given once: given twice, the last value used to win without a word. */
    private String single(String[] args, int index, String option) {
        String value = valueOf(args, index, option);
        String earlier = given.putIfAbsent(option, value);
        if (earlier != null) {
            throw new IllegalArgumentException(option + " is given twice (" + earlier + ", then " + value
                    + "): give it once");
        }
        return value;
    }

    /** Path.of("") is the working directory, which a store would fill with RocketMQ's files. */
    private static Path store(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("--store needs a directory, was '" + value + "'");
        }
        return Path.of(value);
    }

    private String broker(String option, String value) {
        brokerOptions.add(option);
        return value;
    }

    /**
     * Broker identity given as a property (as in a RocketMQ broker.conf: brokerRole=SYNC_MASTER) means the same as
     * the option; anything else is checked against RocketMQ's config classes when the builder is made.
     */
    private void property(String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--property needs KEY=VALUE, was '" + keyValue + "'");
        }
        String key = keyValue.substring(0, eq).trim();
        String value = keyValue.substring(eq + 1).trim();
        switch (key) {
            case "brokerRole" -> role = same("--role", role, role("--property brokerRole", value));
            case "brokerId" -> brokerId = same("--broker-id", brokerId, brokerId("--property brokerId", value));
            case "brokerName" -> brokerName = same("--broker-name", brokerName, value);
            case "brokerClusterName" -> clusterName = same("--cluster-name", clusterName, value);
            case "namesrvAddr" -> namesrv = same("--namesrv", namesrv, value);
            default -> {
                String earlier = properties.putIfAbsent(key, value);
                if (earlier != null) {
                    throw new IllegalArgumentException("--property " + key + " is given twice (" + earlier + ", then "
                            + value + "): give it once");
                }
            }
        }
    }

    private void topic(String value) {
        int colon = value.lastIndexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        int queues = 4;
        if (colon >= 0) {
            try {
                queues = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--topic needs NAME or NAME:QUEUES, was '" + value + "'");
            }
        }
        try {
            Topics.validate(name, queues);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--topic " + value + ": " + e.getMessage(), e);
        }
        Integer earlier = topics.putIfAbsent(name, queues);
        if (earlier != null) {
            throw new IllegalArgumentException("--topic " + name + " is given twice (" + name + ":" + earlier + ", then "
                    + value + "): give it once");
        }
    }

    private static <T> T same(String option, T given, T fromProperty) {
        if (given != null && !given.equals(fromProperty)) {
            throw new IllegalArgumentException(option + " " + given + " contradicts the --property that sets it to "
                    + fromProperty);
        }
        return fromProperty;
    }

    private void checkCombinations() {
        String flush = properties.get("flushDiskType");
        if (syncFlush && flush != null && !flush.equals("SYNC_FLUSH")) {
            // the property would be applied after the option, and win
            throw new IllegalArgumentException("--sync-flush contradicts --property flushDiskType=" + flush
                                               + ": give one of them");
        }
        new SettingsScope(namesrvOnly ? "--namesrv-only" : null, namesrv == null ? null : "--namesrv " + namesrv,
                namesrvPort == null ? null : "--port " + namesrvPort, brokerOptions).check("--broker-port", "process");
        if (layout != null && (brokerName != null || brokerId != null || role != null)) {
            throw new IllegalArgumentException("--layout " + layout + " names its own brokers: --broker-name, --broker-id "
                    + "and --role apply to a single broker");
        }
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException(option + " must be 0..65535, was '" + value + "'");
    }

    private static long brokerId(String option, String value) {
        try {
            long id = Long.parseLong(value);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below with what is allowed
        }
        throw new IllegalArgumentException(option + " must be 0 (master) or 1 and up (slave), was '" + value + "'");
    }

    private static BrokerRole role(String option, String value) {
        String normalized = value.trim().toUpperCase().replace('-', '_');
        return switch (normalized) {
            case "MASTER", "ASYNC_MASTER" -> BrokerRole.ASYNC_MASTER;
            case "SYNC_MASTER" -> BrokerRole.SYNC_MASTER;
            case "SLAVE" -> BrokerRole.SLAVE;
            default -> throw new IllegalArgumentException(option + " must be one of ASYNC_MASTER, SYNC_MASTER, SLAVE "
                    + "(or master, slave), was '" + value + "'");
        };
    }

    boolean help() {
        return help;
    }

    /**
     * @throws IllegalArgumentException naming the option, for a value only the builder can check (a property key,
     *                                  a broker id that does not fit the role)
     */
    EmbeddedRocketMQBrokerBuilder builder() {
        EmbeddedRocketMQBrokerBuilder builder = EmbeddedRocketMQBroker.builder().storeDir(store);
        if (namesrvOnly) {
            return builder.nameServerOnly().namesrvPort(namesrvPort == null ? 9876 : namesrvPort);
        }
        if (namesrv != null) {
            naming("--namesrv " + namesrv, () -> builder.externalNameServer(namesrv));
        } else {
            builder.namesrvPort(namesrvPort == null ? 9876 : namesrvPort);
        }
        naming("--broker-port " + brokerPort, () -> builder.brokerPort(brokerPort));
        builder.syncFlush(syncFlush);
        if (clusterName != null) {
            builder.clusterName(clusterName);
        }
        if (layout != null) {
            builder.cluster(layout);
        } else {
            long id = brokerId == null ? 0 : brokerId;
            BrokerRole effectiveRole = role == null ? NodeSpec.defaultRole(id) : role;
            try {
                builder.broker(brokerName == null ? "broker-a" : brokerName, id, effectiveRole);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--broker-id " + id + " --role " + effectiveRole + ": " + e.getMessage(), e);
            }
        }
        topics.forEach(builder::topic);
        properties.forEach((key, value) -> {
            try {
                builder.brokerProperty(key, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--property " + key + "=" + value + ": " + e.getMessage(), e);
            }
        });
        // the ports' collision, refused when the broker starts: a bad command line exits 2, not 1 as a failed start
        naming("--port " + (namesrvPort == null ? 9876 : namesrvPort) + " --broker-port " + brokerPort,
                builder::refuseNameServerOnABrokerPort);
        return builder;
    }

    /** The builder's refusal, prefixed with the options whose values it refused: it names its own methods. */
    private static void naming(String options, Runnable setting) {
        try {
            setting.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(options + ": " + e.getMessage(), e);
        }
    }
}

package io.rocketcamel.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.rocketmq.store.config.BrokerRole;
import org.apache.rocketmq.store.config.FlushDiskType;

/**
 * Collects the settings of an {@link EmbeddedRocketMQBroker}, from {@link EmbeddedRocketMQBroker#builder()}; every one
 * has a development default.
 */
public final class EmbeddedRocketMQBrokerBuilder {

    private String host = "127.0.0.1";
    private int namesrvPort;
    private int brokerPort;
    private List<NodeSpec> nodes = Layout.ONE_MASTER.nodes();
    /** Which method chose the nodes, so that two conflicting choices fail instead of the last one winning. */
    private String nodesChosenBy;
    private String externalNamesrv;
    private boolean nameServerOnly;
    private String clusterName = "DefaultCluster";
    private Path storeDir;
    private FlushDiskType flushDiskType = FlushDiskType.ASYNC_FLUSH;
    private DelayLevels delayLevels = DelayLevels.parse(DelayLevels.DEFAULT);
    private Duration transactionCheckInterval = Duration.ofSeconds(60);
    private Duration transactionTimeout = Duration.ofSeconds(6);
    private int transactionCheckMax = 15;
    private int commitLogFileSize = 64 * 1024 * 1024;
    private final BrokerProperties properties = new BrokerProperties();
    private Authentication authentication;
    private boolean acceptTls;
    private final Map<String, Integer> topics = new LinkedHashMap<>();
    private final Map<String, Integer> orderedTopics = new LinkedHashMap<>();
    /** How namesrvPort was given, and each setting only a broker uses, for {@link SettingsScope}. */
    private String namesrvPortGiven;
    private final Map<String, String> brokerSettings = new LinkedHashMap<>();

    EmbeddedRocketMQBrokerBuilder() {
    }

    /**
     * Name server port; 0 (the default) picks a free one, read it back with {@code getNamesrvAddr()}. The start refuses
     * another port next to {@link #externalNameServer}, which starts no name server.
     */
    public EmbeddedRocketMQBrokerBuilder namesrvPort(int port) {
        this.namesrvPort = port("namesrvPort", port);
        // 0 is the default, no port asked for: configuration that passes every property (the starter) gives it
        this.namesrvPortGiven = port == 0 ? null : "namesrvPort(" + port + ")";
        return this;
    }

    /**
     * Port of the first broker; 0 (the default) picks a free one. A fixed port N (3 to 65534) also fixes the broker's
     * fast port (N-2) and HA port (N+1), as in RocketMQ's own start scripts (a fixed namesrvPort must be none of them),
     * so a restarted broker comes back on the same addresses and its clients and slave reconnect without a route
     * refresh. Further brokers take free ports.
     */
    public EmbeddedRocketMQBrokerBuilder brokerPort(int port) {
        if (port != 0 && (port < 3 || port > 65534)) {
            throw new IllegalArgumentException("brokerPort must be 0 (free ports) or 3..65534, was " + port + ": the"
                                               + " broker also listens on brokerPort-2 (fast port) and brokerPort+1"
                                               + " (HA port)");
        }
        this.brokerPort = port;
        return brokerSetting("brokerPort", port);
    }

    /**
     * Address to bind and advertise, default {@code 127.0.0.1}; an address of this machine.
     *
     * @throws IllegalArgumentException for a blank host
     */
    public EmbeddedRocketMQBrokerBuilder host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            // bound as the wildcard but advertised as ":port", which no client can connect to
            throw new IllegalArgumentException("host must be an address of this machine (default 127.0.0.1), was '"
                    + host + "'");
        }
        this.host = host;
        return this;
    }

    /**
     * Number of masters under the one name server ({@code broker-a}, {@code broker-b}, ...), each with its own
     * store; default 1. {@code brokers(2)} is {@code cluster(Layout.TWO_MASTERS)}.
     */
    public EmbeddedRocketMQBrokerBuilder brokers(int count) {
        return brokers(count, BrokerRole.ASYNC_MASTER);
    }

    /**
     * {@code count} masters of the given role and no slave. A SYNC_MASTER with {@code inSyncReplicas=2} then
     * stores every message but answers each send FLUSH_SLAVE_TIMEOUT after {@code slaveTimeout}: how tests show
     * what a client does with a send the broker did not store durably.
     */
    public EmbeddedRocketMQBrokerBuilder brokers(int count, BrokerRole masterRole) {
        if (count < 1) {
            throw new IllegalArgumentException("brokers must be at least 1, was " + count);
        }
        if (masterRole == BrokerRole.SLAVE) {
            throw new IllegalArgumentException("brokers(" + count + ", SLAVE): a slave needs a master; use"
                    + " cluster(Layout) or broker(name, id, role)");
        }
        List<NodeSpec> masters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            masters.add(NodeSpec.master(brokerName(i), masterRole));
        }
        String description = masterRole == BrokerRole.ASYNC_MASTER ? "brokers(" + count + ")"
                : "brokers(" + count + ", " + masterRole + ")";
        return chooseNodes("brokers", description, masters);
    }

    /**
     * One of the layouts users run in production, on this machine: {@link Layout#ONE_MASTER} (the default),
     * {@link Layout#TWO_MASTERS}, {@link Layout#TWO_MASTERS_TWO_SLAVES_SYNC}. Slaves get the topics created
     * through this API too, and {@code start()} returns once every slave replicates from its master.
     */
    public EmbeddedRocketMQBrokerBuilder cluster(Layout layout) {
        return chooseNodes("cluster", "cluster(" + layout + ")", Objects.requireNonNull(layout, "layout").nodes());
    }

    /**
     * One broker, given explicitly; call once per broker, e.g. for a process that runs only the slave of
     * {@code broker-a}: {@code broker("broker-a", 1, BrokerRole.SLAVE).externalNameServer("127.0.0.1:9876")}.
     * Broker id 0 is a master (ASYNC_MASTER, or SYNC_MASTER, which waits for a slave's copy before it
     * acknowledges: {@code inSyncReplicas=2}), ids 1 and up are slaves of the master with the same name.
     *
     * @throws IllegalArgumentException for a slave with id 0, a master with another id, or a repeated name and id
     */
    public EmbeddedRocketMQBrokerBuilder broker(String brokerName, long brokerId, BrokerRole role) {
        NodeSpec spec = new NodeSpec(brokerName, brokerId, role);
        List<NodeSpec> explicit = "broker".equals(nodesChosenBy) ? new ArrayList<>(nodes) : new ArrayList<>();
        if (explicit.stream().anyMatch(other -> other.key().equals(spec.key()))) {
            throw new IllegalArgumentException("Broker " + brokerName + " with broker id " + brokerId + " is given twice");
        }
        explicit.add(spec);
        return chooseNodes("broker", "broker(" + brokerName + ", " + brokerId + ", " + role + ")", explicit);
    }

    private EmbeddedRocketMQBrokerBuilder chooseNodes(String method, String description, List<NodeSpec> chosen) {
        if (nameServerOnly) {
            throw new IllegalArgumentException(description + " cannot be combined with nameServerOnly(): it starts no broker");
        }
        if (nodesChosenBy != null && !nodesChosenBy.equals(method)) {
            throw new IllegalArgumentException(description + " cannot be combined with " + nodesChosenBy
                    + "(...): choose the brokers one way");
        }
        this.nodes = List.copyOf(chosen);
        this.nodesChosenBy = method;
        return this;
    }

    /**
     * Starts no name server: the brokers register with the name server(s) at this address, {@code host:port},
     * several separated by semicolons (the runner's {@code --namesrv}). For clusters of one process per node.
     *
     * @throws IllegalArgumentException for an address not of that form, or a port outside 1..65535
     */
    public EmbeddedRocketMQBrokerBuilder externalNameServer(String namesrvAddr) {
        if (namesrvAddr == null || !namesrvAddr.matches("[^\\s;:]+:\\d{1,5}(;[^\\s;:]+:\\d{1,5})*")) {
            throw new IllegalArgumentException("Invalid name server address '" + namesrvAddr
                    + "': expected host:port, several separated by ';' (e.g. 127.0.0.1:9876)");
        }
        for (String address : namesrvAddr.split(";")) {
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            if (port < 1 || port > 65535) {
                // otherwise the start waits 30 s for a registration that cannot happen
                throw new IllegalArgumentException("Invalid name server address '" + namesrvAddr + "': port " + port
                        + " is not in 1..65535");
            }
        }
        this.externalNamesrv = namesrvAddr;
        return this;
    }

    /**
     * Starts a name server and no broker (the runner's {@code --namesrv-only}). The start refuses it next to a setting
     * only a broker uses ({@code brokerPort}, {@code authentication}, {@code syncFlush}, {@code delayLevels}, ...),
     * naming both.
     */
    public EmbeddedRocketMQBrokerBuilder nameServerOnly() {
        if (nodesChosenBy != null) {
            throw new IllegalArgumentException("nameServerOnly() cannot be combined with " + nodesChosenBy + "(...)");
        }
        this.nameServerOnly = true;
        this.nodes = List.of();
        return this;
    }

    public EmbeddedRocketMQBrokerBuilder clusterName(String clusterName) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        return brokerSetting("clusterName", clusterName);
    }

    /**
     * Keep the store in this directory: it survives {@link EmbeddedRocketMQBroker#close()}, and a broker started
     * on it again finds every message and consumer offset. One unclosed instance of this JVM at a time: a second
     * start on it is refused, naming the directory and the instance. RocketMQ's teardown, which goes on in the background after
     * {@code close()} returns, still writes config and checkpoint files into it: call
     * {@link EmbeddedRocketMQBroker#awaitBackgroundShutdown} before deleting or copying the directory (a JUnit
     * {@code @TempDir} is deleted right after the test). Unset (the default): a {@code rocketcamel-broker-*}
     * directory in {@code java.io.tmpdir}, deleted once the broker's background teardown after close ends; a JVM that
     * exits first deletes its data at exit, and the next temporary store deletes what a killed JVM left.
     */
    public EmbeddedRocketMQBrokerBuilder storeDir(Path storeDir) {
        this.storeDir = storeDir;
        return this;
    }

    /** Flush every write to disk before acknowledging it (slower; survives power loss). Default: asynchronous. */
    public EmbeddedRocketMQBrokerBuilder syncFlush(boolean syncFlush) {
        this.flushDiskType = syncFlush ? FlushDiskType.SYNC_FLUSH : FlushDiskType.ASYNC_FLUSH;
        return brokerSetting("syncFlush", syncFlush);
    }

    /**
     * The broker's delay levels ({@code messageDelayLevel}), e.g. {@code "1s 2s 3s"} for fast tests; default
     * {@value DelayLevels#DEFAULT}.
     */
    public EmbeddedRocketMQBrokerBuilder delayLevels(String levels) {
        this.delayLevels = DelayLevels.parse(levels);
        return brokerSetting("delayLevels", levels);
    }

    /** How often the broker looks for undecided half messages to check back; default 60 s. */
    public EmbeddedRocketMQBrokerBuilder transactionCheckInterval(Duration interval) {
        this.transactionCheckInterval = positive("transactionCheckInterval", interval);
        return brokerSetting("transactionCheckInterval", interval);
    }

    /** How old an undecided half message must be before it is checked back; default 6 s. */
    public EmbeddedRocketMQBrokerBuilder transactionTimeout(Duration timeout) {
        this.transactionTimeout = positive("transactionTimeout", timeout);
        return brokerSetting("transactionTimeout", timeout);
    }

    /** How many check-backs before an undecided half message is dropped; default 15. */
    public EmbeddedRocketMQBrokerBuilder transactionCheckMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("transactionCheckMax must be at least 1, was " + max);
        }
        this.transactionCheckMax = max;
        return brokerSetting("transactionCheckMax", max);
    }

    /** Size of one commit-log file in bytes; default 64 MiB (RocketMQ's own default is 1 GiB). */
    public EmbeddedRocketMQBrokerBuilder commitLogFileSize(int bytes) {
        if (bytes < 1024 * 1024) {
            throw new IllegalArgumentException("commitLogFileSize must be at least 1 MiB, was " + bytes);
        }
        this.commitLogFileSize = bytes;
        return brokerSetting("commitLogFileSize", bytes);
    }

    /**
     * Any other {@code BrokerConfig} or {@code MessageStoreConfig} setting by its Java field name, applied last.
     * Keys with a setting of their own go through it ({@code messageDelayLevel}, {@code flushDiskType}, the
     * transaction settings, ...); the broker's port ({@code listenPort}), the store paths and the broker's identity are
     * refused, naming the setting to use.
     *
     * @throws IllegalArgumentException for a key neither class has, a value of the wrong type, or a refused key
     */
    public EmbeddedRocketMQBrokerBuilder brokerProperty(String key, String value) {
        if (key != null && value != null) {
            switch (key) {
                case "messageDelayLevel" -> {
                    return delayLevels(value);
                }
                // through the typed settings: the marker batch interval is derived from the timeout
                case "transactionCheckInterval" -> {
                    return transactionCheckInterval(Duration.ofMillis(wholeNumber(key, value)));
                }
                case "transactionTimeOut" -> {
                    return transactionTimeout(Duration.ofMillis(wholeNumber(key, value)));
                }
                case "transactionCheckMax" -> {
                    return transactionCheckMax((int) wholeNumber(key, value));
                }
                // through the typed settings: kept raw, it was applied after them whatever the order of the calls
                case "flushDiskType" -> {
                    return syncFlush(BrokerProperties.convert(key, value.trim(), FlushDiskType.class) == FlushDiskType.SYNC_FLUSH);
                }
                case "mappedFileSizeCommitLog" -> {
                    return commitLogFileSize((int) wholeNumber(key, value));
                }
                case "storePathRootDir", "storePathCommitLog", "rocketmqHome", "brokerConfigPath" ->
                        throw new IllegalArgumentException("Broker property '" + key + "' is set by the store's layout:"
                                + " use storeDir(path) (runner: --store), under which each broker has a directory of its"
                                + " own");
                // a broker.conf's listenPort is the NettyServerConfig's port; as the BrokerConfig field it changes nothing
                case "listenPort" -> throw new IllegalArgumentException("Broker property 'listenPort' (" + value
                        + ") is the broker's port: use brokerPort(port) (runner: --broker-port), which also fixes the fast"
                        + " port (port-2) and the HA port (port+1)");
                case "brokerName", "brokerId", "brokerRole" -> throw new IllegalArgumentException("Broker property '"
                        + key + "' is set per broker: use broker(name, id, role) or cluster(Layout) (runner: "
                        + "--broker-name, --broker-id, --role, --layout)");
                case "brokerClusterName" -> {
                    return clusterName(value);
                }
                case "namesrvAddr" -> {
                    return externalNameServer(value);
                }
                default -> {
                    // any other BrokerConfig or MessageStoreConfig setting
                }
            }
        }
        properties.put(key, value);
        return brokerSetting("brokerProperty", key + ", " + value);
    }

    private static long wholeNumber(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for broker property '" + key
                    + "': expected a whole number", e);
        }
    }

    /**
     * Turns on RocketMQ 5 authentication: every request to a broker must be signed with a known user's keys (the
     * client's {@code AclClientRPCHook}, the {@code rocketmq:} component's {@code accessKey} and {@code
     * secretKey}), and unsigned or wrongly signed requests are refused. These keys become the broker's super user; on a
     * kept store they replace the super user of an earlier start, whose keys are then refused.
     * The name server stays open, as in a RocketMQ cluster's default set-up. Default: off.
     */
    public EmbeddedRocketMQBrokerBuilder authentication(String accessKey, String secretKey) {
        this.authentication = new Authentication(accessKey, secretKey);
        // the secret stays out of error messages
        return brokerSetting("authentication", accessKey + ", ...");
    }

    /**
     * The name server and brokers accept TLS connections as well as plain ones (RocketMQ's "permissive" mode), for
     * clients with {@code useTls=true}; without it they accept plain connections only, and a TLS client's requests
     * fail. RocketMQ reads the mode JVM-wide ({@code tls.server.mode}): servers started later in this JVM accept TLS
     * too, and each server makes a self-signed key at start (a second or more on a busy machine). Default: off.
     */
    public EmbeddedRocketMQBrokerBuilder acceptTls() {
        this.acceptTls = true;
        return this;
    }

    /** A topic to create on every broker at start. */
    public EmbeddedRocketMQBrokerBuilder topic(String topic, int queues) {
        Topics.validate(topic, queues);
        topics.put(topic, queues);
        return this;
    }

    /** An ordered (FIFO) topic to create on every broker at start. */
    public EmbeddedRocketMQBrokerBuilder orderedTopic(String topic, int queues) {
        Topics.validate(topic, queues);
        orderedTopics.put(topic, queues);
        return this;
    }

    private EmbeddedRocketMQBrokerBuilder brokerSetting(String method, Object value) {
        brokerSettings.putIfAbsent(method, method + "(" + value + ")");
        return this;
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
        return value;
    }

    /** What {@link #start()} starts, checked for combinations the setters alone cannot see. */
    BrokerSettings settings() {
        if (nameServerOnly && !(topics.isEmpty() && orderedTopics.isEmpty())) {
            throw new IllegalArgumentException("Topics " + topics.keySet() + orderedTopics.keySet()
                    + " cannot be created by a name server only: start brokers, or create them on the brokers");
        }
        refuseNameServerOnABrokerPort();
        new SettingsScope(nameServerOnly ? "nameServerOnly()" : null,
                externalNamesrv == null ? null : "externalNameServer(" + externalNamesrv + ")", namesrvPortGiven,
                List.copyOf(brokerSettings.values())).check("brokerPort(...)", "instance");
        return new BrokerSettings(host, namesrvPort, brokerPort, nodes, externalNamesrv, clusterName,
                flushDiskType, delayLevels, transactionCheckInterval, transactionTimeout, transactionCheckMax,
                commitLogFileSize, properties, authentication, acceptTls,
                Map.copyOf(topics), Map.copyOf(orderedTopics));
    }

    /**
     * Starts the name server and the brokers and returns once every broker is registered, so a client's first
     * route look-up succeeds.
     *
     * @throws EmbeddedBrokerException naming the cause: a port in use, an unwritable store, a failed start
     */
    public EmbeddedRocketMQBroker start() {
        return EmbeddedRocketMQBroker.start(settings(), storeDir);
    }

    void refuseNameServerOnABrokerPort() {
        if (namesrvPort == 0 || brokerPort == 0) {
            return;
        }
        String which = namesrvPort == brokerPort - 2 ? "'s fast port (brokerPort-2)"
                : namesrvPort == brokerPort ? "" : namesrvPort == brokerPort + 1 ? "'s HA port (brokerPort+1)" : null;
        if (which != null) {
            throw new IllegalArgumentException("namesrvPort(" + namesrvPort + ") is brokerPort(" + brokerPort + ")"
                                               + which + ": the broker listens on " + (brokerPort - 2) + ", "
                                               + brokerPort + " and " + (brokerPort + 1)
                                               + "; give the name server another port");
        }
    }

    private static String brokerName(int index) {
        return index < 26 ? "broker-" + (char) ('a' + index) : "broker-" + index;
    }

    private static int port(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (a free port) or 1..65535, was " + port);
        }
        return port;
    }
}

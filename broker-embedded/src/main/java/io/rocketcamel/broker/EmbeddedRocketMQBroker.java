package io.rocketcamel.broker;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.attribute.TopicMessageType;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.config.BrokerRole;
import org.apache.rocketmq.store.config.FlushDiskType;

/**
 * The real Apache RocketMQ name server and one or more brokers, started in this JVM.
 *
 * <pre>{@code
 * try (EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().topic("orders", 4).start()) {
 *     producer.setNamesrvAddr(broker.getNamesrvAddr());
 * }
 * }</pre>
 *
 * Everything it writes (store, name server config, RocketMQ's logs) goes under {@link #getStoreDir()}; a temporary
 * store is deleted on {@link #close()}, a given one is kept so that a restart finds every message and offset.
 */
public final class EmbeddedRocketMQBroker implements AutoCloseable {

    /** System property the JUnit extension and the runner publish the name server address under. */
    public static final String NAMESRV_ADDR_PROPERTY = "rocketmq.namesrv.addr";

    private static final System.Logger LOG = System.getLogger(EmbeddedRocketMQBroker.class.getName());
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerSettings settings;
    private final StoreDirectory store;
    /** Null when the brokers register with a name server of another process. */
    private final NamesrvController namesrv;
    private final String namesrvAddr;
    /** By {@link NodeSpec#key()}: {@code broker-a}, {@code broker-a-s1}, ... */
    private final Map<String, BrokerNode> brokers = new LinkedHashMap<>();
    private volatile NameServerView view;
    private volatile boolean closed;

    private EmbeddedRocketMQBroker(BrokerSettings settings, StoreDirectory store, NamesrvController namesrv) {
        this.settings = settings;
        this.store = store;
        this.namesrv = namesrv;
        this.namesrvAddr = namesrv == null ? settings.externalNamesrv()
                : settings.host() + ":" + namesrv.getRemotingServer().localListenPort();
        this.view = namesrv == null ? null : NameServerView.local(namesrv);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return {@code host:port} of the name server, as clients' {@code setNamesrvAddr} takes it; the given address(es)
     * when the brokers register with a name server of another process
     */
    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    /** Whether this instance runs a name server (false for brokers started with {@code externalNameServer}). */
    public boolean hasNameServer() {
        return namesrv != null;
    }

    public Path getStoreDir() {
        return store.root();
    }

    /** The delay levels the brokers were started with, for validating a {@code delayLevel} against them. */
    public DelayLevels getDelayLevels() {
        return settings.delayLevels();
    }

    /**
     * Names of the running brokers, in start order ({@code broker-a}, {@code broker-b}, ...); a master and its slaves
     * share one name.
     */
    public List<String> getBrokerNames() {
        synchronized (brokers) {
            return brokers.values().stream().map(node -> node.spec().brokerName()).distinct().toList();
        }
    }

    /** Every running broker, masters and slaves, in start order (masters first). */
    public List<RunningBroker> getBrokers() {
        synchronized (brokers) {
            return brokers.values().stream().map(BrokerNode::describe).toList();
        }
    }

    /** @return {@code host:port} of the named broker's master (or, in a process without it, its lowest-id slave) */
    public String getBrokerAddr(String brokerName) {
        return node(brokerName).address();
    }

    /** @return {@code host:port} of the broker with this name and broker id (0 the master, 1 and up slaves) */
    public String getBrokerAddr(String brokerName, long brokerId) {
        return node(brokerName, brokerId).address();
    }

    /**
     * The underlying controller of the named broker's master (or lowest-id running node), for what this API does not
     * cover (admin operations, statistics). Changes made through it are not validated here.
     */
    public BrokerController getBrokerController(String brokerName) {
        return node(brokerName).controller();
    }

    /** The underlying controller of the broker with this name and broker id. */
    public BrokerController getBrokerController(String brokerName, long brokerId) {
        return node(brokerName, brokerId).controller();
    }

    /**
     * Creates (or resizes) a topic with {@code queues} read and write queues on every running broker and registers
     * it with the name server at once, so clients see its route on their first look-up. Without this, a topic is
     * auto-created on the first send with the producer's default of 4 queues.
     */
    public EmbeddedRocketMQBroker createTopic(String topic, int queues) {
        return createTopic(topic, queues, TopicMessageType.NORMAL);
    }

    /**
     * Creates a topic declared for ordered (FIFO) messages: RocketMQ 5's {@code message.type=FIFO} attribute. Order
     * holds per queue; producers choose the queue by a business key.
     */
    public EmbeddedRocketMQBroker createOrderedTopic(String topic, int queues) {
        return createTopic(topic, queues, TopicMessageType.FIFO);
    }

    /**
     * Slaves get the topic too: a slave copies its master's topics only every 60 s, and until then it refuses to serve
     * the topic to consumers that fail over to it.
     */
    private EmbeddedRocketMQBroker createTopic(String topic, int queues, TopicMessageType type) {
        Topics.validate(topic, queues);
        List<BrokerNode> nodes;
        synchronized (brokers) {
            nodes = List.copyOf(brokers.values());
        }
        if (nodes.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " cannot be created: this instance runs a name server only");
        }
        nodes.forEach(node -> node.createTopic(topic, queues, type));
        awaitRoute(topic, nodes);
        return this;
    }

    /**
     * Stops the named broker's master (or, in a process without it, its lowest-id slave) and leaves the others and the
     * name server running, for failover tests. Its store stays in place until {@link #close()}.
     */
    public void stopBroker(String brokerName) {
        stop(node(brokerName));
    }

    /** Stops the broker with this name and broker id (0 the master, 1 and up slaves). */
    public void stopBroker(String brokerName, long brokerId) {
        stop(node(brokerName, brokerId));
    }

    private void stop(BrokerNode node) {
        synchronized (brokers) {
            brokers.remove(node.name());
        }
        FastShutdown.stop(node);
    }

    /**
     * Stops the brokers and the name server. Data is flushed and ports are released before this returns (about a
     * second), while RocketMQ's own teardown, which waits out its service intervals for 13-20 s, finishes in the
     * background; starting again on the same store waits for it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long begin = System.nanoTime();
        List<BrokerNode> nodes;
        synchronized (brokers) {
            nodes = List.copyOf(brokers.values());
            brokers.clear();
        }
        List<CompletableFuture<Void>> teardowns = nodes.parallelStream().map(FastShutdown::stop).toList();
        FastShutdown.stop(namesrv, settings.host(), teardowns, store);
        LOG.log(Level.INFO, "Embedded RocketMQ {0} stopped in {1} ms", namesrvAddr, (System.nanoTime() - begin) / 1_000_000);
    }

    /** Waits until the background teardown of every broker closed in this JVM is complete. */
    public static void awaitBackgroundShutdown(Duration timeout) {
        FastShutdown.awaitAll(timeout);
    }

    private BrokerNode node(String brokerName) {
        synchronized (brokers) {
            return brokers.values().stream()
                    .filter(node -> node.spec().brokerName().equals(brokerName))
                    .min(Comparator.comparingLong(node -> node.spec().brokerId()))
                    .orElseThrow(() -> new IllegalArgumentException("No running broker named '" + brokerName
                            + "'; running: " + getBrokers()));
        }
    }

    private BrokerNode node(String brokerName, long brokerId) {
        synchronized (brokers) {
            return brokers.values().stream()
                    .filter(node -> node.spec().brokerName().equals(brokerName) && node.spec().brokerId() == brokerId)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No running broker named '" + brokerName
                            + "' with broker id " + brokerId + "; running: " + getBrokers()));
        }
    }

    /**
     * Masters first: a slave learns its master's HA address from the answer to its own registration, so a slave that
     * registers before its master waits for the next registration round (30 s) to start replicating.
     */
    private void startBrokers() {
        List<NodeSpec> masters = settings.nodes().stream().filter(NodeSpec::isMaster).toList();
        List<NodeSpec> slaves = settings.nodes().stream().filter(spec -> !spec.isMaster()).toList();
        startNodes(masters);
        startNodes(slaves);
        awaitReplication();
        settings.topics().forEach(this::createTopic);
        settings.orderedTopics().forEach(this::createOrderedTopic);
    }

    private void startNodes(List<NodeSpec> specs) {
        if (specs.isEmpty()) {
            return;
        }
        for (NodeSpec spec : specs) {
            boolean first = settings.nodes().get(0).equals(spec);
            int port = first ? settings.brokerPort() : 0;
            BrokerNode node = BrokerNode.start(spec, port, namesrvAddr, store.resolve(spec.key()), settings);
            synchronized (brokers) {
                brokers.put(spec.key(), node);
            }
            if (view == null) {
                view = NameServerView.remote(node.controller().getBrokerOuterAPI());
            }
        }
        awaitRegistration();
    }

    /**
     * A broker registers at start only if its name-server list was already filled, which happens asynchronously;
     * otherwise the first registration comes 10 s later and clients see "No route info". Register until the name
     * server lists every broker.
     */
    private void awaitRegistration() {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (true) {
            List<BrokerNode> missing = unregisteredBrokers();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new EmbeddedBrokerException("Brokers " + missing.stream().map(BrokerNode::name).toList()
                        + " did not register with the name server " + namesrvAddr + " within "
                        + REGISTRATION_TIMEOUT.toSeconds() + " s; see " + Logs.file());
            }
            missing.forEach(BrokerNode::registerWithNameServer);
            pause();
        }
    }

    /**
     * A slave whose master is registered connects to it once it has the master's HA address from the name server;
     * until then a SYNC_MASTER waits for a copy that cannot come and answers FLUSH_SLAVE_TIMEOUT. A slave whose master
     * is not up (another process, started later) starts replicating when it is.
     */
    private void awaitReplication() {
        List<BrokerNode> slaves;
        synchronized (brokers) {
            slaves = brokers.values().stream().filter(node -> !node.spec().isMaster()).toList();
        }
        Map<String, Set<Long>> registered = view == null ? Map.of() : view.registeredBrokers();
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        for (BrokerNode slave : slaves) {
            if (!registered.getOrDefault(slave.spec().brokerName(), Set.of()).contains(0L)) {
                continue;
            }
            while (!slave.isReplicating()) {
                if (System.nanoTime() > deadline) {
                    throw new EmbeddedBrokerException("Slave " + slave.name() + " did not connect to its master within "
                            + REGISTRATION_TIMEOUT.toSeconds() + " s; see " + Logs.file());
                }
                slave.retryReplication();
                pause();
            }
        }
    }

    /** Registration runs on the broker's executor: wait until the name server serves the new route. */
    private void awaitRoute(String topic, List<BrokerNode> nodes) {
        // The name server takes a topic's queues from masters only (from a slave only while its master is down).
        Set<String> serving = nodes.stream().filter(node -> node.spec().isMaster())
                .map(node -> node.spec().brokerName()).collect(Collectors.toSet());
        if (serving.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (!view.brokersServing(topic).containsAll(serving)) {
            if (System.nanoTime() > deadline) {
                throw new EmbeddedBrokerException("Topic " + topic + " did not appear on the name server " + namesrvAddr
                        + " within " + REGISTRATION_TIMEOUT.toSeconds() + " s; see " + Logs.file());
            }
            pause();
            nodes.forEach(BrokerNode::registerWithNameServer);
        }
    }

    private List<BrokerNode> unregisteredBrokers() {
        Map<String, Set<Long>> registered = view.registeredBrokers();
        synchronized (brokers) {
            return brokers.values().stream()
                    .filter(node -> !registered.getOrDefault(node.spec().brokerName(), Set.of()).contains(node.spec().brokerId()))
                    .toList();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedBrokerException("Interrupted while waiting for broker registration", e);
        }
    }

    private static NamesrvController startNamesrv(BrokerSettings settings, StoreDirectory store) {
        Path home = store.resolve("namesrv");
        NamesrvConfig config = new NamesrvConfig();
        config.setRocketmqHome(store.root().toString());
        config.setKvConfigPath(home.resolve("kvConfig.json").toString());
        config.setConfigStorePath(home.resolve("namesrv.properties").toString());
        NettyServerConfig serverConfig = new NettyServerConfig();
        serverConfig.setBindAddress(settings.host());
        serverConfig.setListenPort(settings.namesrvPort());
        NamesrvController controller = new NamesrvController(config, serverConfig, new NettyClientConfig());
        if (!controller.initialize()) {
            controller.shutdown();
            throw new EmbeddedBrokerException("Name server failed to initialize; see " + Logs.file());
        }
        try {
            controller.start();
        } catch (Exception e) {
            controller.shutdown();
            throw PortInUse.translate("Name server", settings.host(), settings.namesrvPort(), e);
        }
        return controller;
    }

    /** Collects settings; every one has a development default. */
    public static final class Builder {

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
        private int consumeQueueEntriesPerFile = 100_000;
        private int indexHashSlots = 50_000;
        private final BrokerProperties properties = new BrokerProperties();
        private Authentication authentication;
        private final Map<String, Integer> topics = new LinkedHashMap<>();
        private final Map<String, Integer> orderedTopics = new LinkedHashMap<>();

        private Builder() {
        }

        /** Name server port; 0 (the default) picks a free one, read it back with {@code getNamesrvAddr()}. */
        public Builder namesrvPort(int port) {
            this.namesrvPort = Topics.port("namesrvPort", port);
            return this;
        }

        /**
         * Port of the first broker; 0 (the default) picks a free one. A fixed port N also fixes the broker's fast port
         * (N-2) and HA port (N+1), as in RocketMQ's own start scripts, so a restarted broker comes back on the same
         * addresses and its clients and slave reconnect without a route refresh. Further brokers take free ports.
         */
        public Builder brokerPort(int port) {
            this.brokerPort = Topics.port("brokerPort", port);
            return this;
        }

        /** Address to bind and advertise, default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Number of masters under the one name server ({@code broker-a}, {@code broker-b}, ...), each with its own
         * store; default 1. {@code brokers(2)} is {@code cluster(Layout.TWO_MASTERS)}.
         */
        public Builder brokers(int count) {
            return brokers(count, BrokerRole.ASYNC_MASTER);
        }

        /**
         * {@code count} masters of the given role and no slave. A SYNC_MASTER with {@code inSyncReplicas=2} then
         * stores every message but answers each send FLUSH_SLAVE_TIMEOUT after {@code slaveTimeout}: how tests show
         * what a client does with a send the broker did not store durably.
         */
        public Builder brokers(int count, BrokerRole masterRole) {
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
        public Builder cluster(Layout layout) {
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
        public Builder broker(String brokerName, long brokerId, BrokerRole role) {
            NodeSpec spec = new NodeSpec(brokerName, brokerId, role);
            List<NodeSpec> explicit = "broker".equals(nodesChosenBy) ? new ArrayList<>(nodes) : new ArrayList<>();
            if (explicit.stream().anyMatch(other -> other.key().equals(spec.key()))) {
                throw new IllegalArgumentException("Broker " + brokerName + " with broker id " + brokerId + " is given twice");
            }
            explicit.add(spec);
            return chooseNodes("broker", "broker(" + brokerName + ", " + brokerId + ", " + role + ")", explicit);
        }

        private Builder chooseNodes(String method, String description, List<NodeSpec> chosen) {
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
         */
        public Builder externalNameServer(String namesrvAddr) {
            if (namesrvAddr == null || !namesrvAddr.matches("[^\\s;:]+:\\d{1,5}(;[^\\s;:]+:\\d{1,5})*")) {
                throw new IllegalArgumentException("Invalid name server address '" + namesrvAddr
                        + "': expected host:port, several separated by ';' (e.g. 127.0.0.1:9876)");
            }
            if (nameServerOnly) {
                throw new IllegalArgumentException("externalNameServer cannot be combined with nameServerOnly()");
            }
            this.externalNamesrv = namesrvAddr;
            return this;
        }

        /** Starts a name server and no broker (the runner's {@code --namesrv-only}). */
        public Builder nameServerOnly() {
            if (nodesChosenBy != null || externalNamesrv != null) {
                throw new IllegalArgumentException("nameServerOnly() cannot be combined with "
                        + (externalNamesrv != null ? "externalNameServer" : nodesChosenBy + "(...)"));
            }
            this.nameServerOnly = true;
            this.nodes = List.of();
            return this;
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
            return this;
        }

        /**
         * Keep the store in this directory: it survives {@link EmbeddedRocketMQBroker#close()}, and a broker started
         * on it again finds every message and consumer offset. Unset (the default): a temporary directory, deleted
         * on close.
         */
        public Builder storeDir(Path storeDir) {
            this.storeDir = storeDir;
            return this;
        }

        /** Flush every write to disk before acknowledging it (slower; survives power loss). Default: asynchronous. */
        public Builder syncFlush(boolean syncFlush) {
            this.flushDiskType = syncFlush ? FlushDiskType.SYNC_FLUSH : FlushDiskType.ASYNC_FLUSH;
            return this;
        }

        /**
         * The broker's delay levels ({@code messageDelayLevel}), e.g. {@code "1s 2s 3s"} for fast tests; default
         * {@value DelayLevels#DEFAULT}.
         */
        public Builder delayLevels(String levels) {
            this.delayLevels = DelayLevels.parse(levels);
            return this;
        }

        /** How often the broker looks for undecided half messages to check back; default 60 s. */
        public Builder transactionCheckInterval(Duration interval) {
            this.transactionCheckInterval = positive("transactionCheckInterval", interval);
            return this;
        }

        /** How old an undecided half message must be before it is checked back; default 6 s. */
        public Builder transactionTimeout(Duration timeout) {
            this.transactionTimeout = positive("transactionTimeout", timeout);
            return this;
        }

        /** How many check-backs before an undecided half message is dropped; default 15. */
        public Builder transactionCheckMax(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("transactionCheckMax must be at least 1, was " + max);
            }
            this.transactionCheckMax = max;
            return this;
        }

        /** Size of one commit-log file in bytes; default 64 MiB (RocketMQ's own default is 1 GiB). */
        public Builder commitLogFileSize(int bytes) {
            if (bytes < 1024 * 1024) {
                throw new IllegalArgumentException("commitLogFileSize must be at least 1 MiB, was " + bytes);
            }
            this.commitLogFileSize = bytes;
            return this;
        }

        /**
         * Any other {@code BrokerConfig} or {@code MessageStoreConfig} setting by its Java field name, applied last.
         *
         * @throws IllegalArgumentException for a key neither class has, or a value of the wrong type
         */
        public Builder brokerProperty(String key, String value) {
            if (key != null && value != null) {
                switch (key) {
                    case "messageDelayLevel" -> {
                        return delayLevels(value);
                    }
                    // through the typed settings: the marker batch interval is derived from the timeout
                    case "transactionCheckInterval" -> {
                        return transactionCheckInterval(Duration.ofMillis(millis(key, value)));
                    }
                    case "transactionTimeOut" -> {
                        return transactionTimeout(Duration.ofMillis(millis(key, value)));
                    }
                    case "transactionCheckMax" -> {
                        return transactionCheckMax((int) millis(key, value));
                    }
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
            return this;
        }

        private static long millis(String key, String value) {
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
         * secretKey}), and unsigned or wrongly signed requests are refused. These keys become the broker's super user.
         * The name server stays open, as in a RocketMQ cluster's default set-up. Default: off.
         */
        public Builder authentication(String accessKey, String secretKey) {
            this.authentication = new Authentication(accessKey, secretKey);
            return this;
        }

        /** A topic to create on every broker at start. */
        public Builder topic(String topic, int queues) {
            Topics.validate(topic, queues);
            topics.put(topic, queues);
            return this;
        }

        /** An ordered (FIFO) topic to create on every broker at start. */
        public Builder orderedTopic(String topic, int queues) {
            Topics.validate(topic, queues);
            orderedTopics.put(topic, queues);
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
            return new BrokerSettings(host, namesrvPort, brokerPort, nodes, externalNamesrv, clusterName,
                    flushDiskType, delayLevels, transactionCheckInterval, transactionTimeout, transactionCheckMax,
                    commitLogFileSize, consumeQueueEntriesPerFile, indexHashSlots, properties, authentication,
                    Map.copyOf(topics), Map.copyOf(orderedTopics));
        }

        /**
         * Starts the name server and the brokers and returns once every broker is registered, so a client's first
         * route look-up succeeds.
         *
         * @throws EmbeddedBrokerException naming the cause: a port in use, an unwritable store, a failed start
         */
        public EmbeddedRocketMQBroker start() {
            long begin = System.nanoTime();
            BrokerSettings settings = settings();
            // A restart on the same store or on the same fixed ports must wait for the previous teardown.
            if (namesrvPort != 0 || brokerPort != 0) {
                FastShutdown.awaitAll(Duration.ofSeconds(60));
            } else if (storeDir != null) {
                FastShutdown.awaitStore(storeDir);
            }
            StoreDirectory store = StoreDirectory.prepare(storeDir);
            Logs.directTo(store.resolve("logs"));
            JvmDefaults.declareRemotingVersion();
            JvmDefaults.keepClientOffsetsUnder(store.resolve("client-offsets"));
            JvmDefaults.shortenOrderlyLocks();
            JvmDefaults.plainTextServers();
            NamesrvController namesrv = null;
            if (externalNamesrv == null) {
                try {
                    namesrv = startNamesrv(settings, store);
                } catch (RuntimeException e) {
                    store.deleteIfTemporary();
                    throw e;
                }
            }
            EmbeddedRocketMQBroker broker = new EmbeddedRocketMQBroker(settings, store, namesrv);
            try {
                broker.startBrokers();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            LOG.log(Level.INFO, "Embedded RocketMQ started in {0} ms: name server {1}, brokers {2}, store {3}",
                    (System.nanoTime() - begin) / 1_000_000, broker.namesrvAddr, broker.getBrokers(), store.root());
            return broker;
        }
    }

    private static String brokerName(int index) {
        return index < 26 ? "broker-" + (char) ('a' + index) : "broker-" + index;
    }

    /** Topic names and queue counts, checked before anything is sent to a broker. */
    static final class Topics {
        private Topics() {
        }

        static void validate(String topic, int queues) {
            if (topic == null || !topic.matches("[%|a-zA-Z0-9_-]{1,127}")) {
                throw new IllegalArgumentException("Invalid topic name '" + topic
                        + "': 1-127 characters of letters, digits, '-', '_', '%' or '|'");
            }
            if (queues < 1 || queues > 1024) {
                throw new IllegalArgumentException("Topic '" + topic + "' needs 1..1024 queues, was " + queues);
            }
        }

        static int port(String name, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be 0 (a free port) or 1..65535, was " + port);
            }
            return port;
        }
    }
}

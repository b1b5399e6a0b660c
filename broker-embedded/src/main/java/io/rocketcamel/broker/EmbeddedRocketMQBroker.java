package io.rocketcamel.broker;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
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
    private final NamesrvController namesrv;
    private final String namesrvAddr;
    private final Map<String, BrokerNode> brokers = new LinkedHashMap<>();
    private volatile boolean closed;

    private EmbeddedRocketMQBroker(BrokerSettings settings, StoreDirectory store, NamesrvController namesrv) {
        this.settings = settings;
        this.store = store;
        this.namesrv = namesrv;
        this.namesrvAddr = settings.host() + ":" + namesrv.getRemotingServer().localListenPort();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code host:port} of the name server, as clients' {@code setNamesrvAddr} takes it */
    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    public Path getStoreDir() {
        return store.root();
    }

    /** The delay levels the brokers were started with, for validating a {@code delayLevel} against them. */
    public DelayLevels getDelayLevels() {
        return settings.delayLevels();
    }

    /** Names of the running brokers, in start order ({@code broker-a}, {@code broker-b}, ...). */
    public List<String> getBrokerNames() {
        synchronized (brokers) {
            return List.copyOf(brokers.keySet());
        }
    }

    /** @return {@code host:port} of the named broker */
    public String getBrokerAddr(String brokerName) {
        return node(brokerName).address();
    }

    /**
     * The underlying controller, for what this API does not cover (admin operations, statistics). Changes made
     * through it are not validated here.
     */
    public BrokerController getBrokerController(String brokerName) {
        return node(brokerName).controller();
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

    private EmbeddedRocketMQBroker createTopic(String topic, int queues, TopicMessageType type) {
        Topics.validate(topic, queues);
        List<BrokerNode> nodes;
        synchronized (brokers) {
            nodes = List.copyOf(brokers.values());
        }
        nodes.forEach(node -> node.createTopic(topic, queues, type));
        awaitRoute(topic, nodes);
        return this;
    }

    /**
     * Stops one broker and leaves the others and the name server running, for failover tests. Its store stays in
     * place until {@link #close()}.
     */
    public void stopBroker(String brokerName) {
        BrokerNode node;
        synchronized (brokers) {
            node = brokers.remove(brokerName);
        }
        if (node == null) {
            throw new IllegalArgumentException("No running broker named '" + brokerName + "'; running: " + getBrokerNames());
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
            BrokerNode node = brokers.get(brokerName);
            if (node == null) {
                throw new IllegalArgumentException("No running broker named '" + brokerName + "'; running: " + brokers.keySet());
            }
            return node;
        }
    }

    private void startBrokers() {
        for (int i = 0; i < settings.brokerCount(); i++) {
            String name = brokerName(i);
            int port = i == 0 ? settings.brokerPort() : 0;
            Path root = store.resolve(name);
            BrokerNode node = BrokerNode.start(name, port, namesrvAddr, root, settings);
            synchronized (brokers) {
                brokers.put(name, node);
            }
        }
        awaitRegistration();
        settings.topics().forEach(this::createTopic);
        settings.orderedTopics().forEach(this::createOrderedTopic);
    }

    private static String brokerName(int index) {
        return index < 26 ? "broker-" + (char) ('a' + index) : "broker-" + index;
    }

    /**
     * A broker registers at start only if its name-server list was already filled, which happens asynchronously;
     * otherwise the first registration comes 10 s later and clients see "No route info". Register until the name
     * server lists every broker.
     */
    private void awaitRegistration() {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (true) {
            Set<String> missing = unregisteredBrokers();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new EmbeddedBrokerException("Brokers " + missing + " did not register with the name server "
                        + namesrvAddr + " within " + REGISTRATION_TIMEOUT.toSeconds() + " s; see " + Logs.file());
            }
            missing.forEach(name -> brokers.get(name).registerWithNameServer());
            pause();
        }
    }

    /** Registration runs on the broker's executor: wait until the name server serves the new route. */
    private void awaitRoute(String topic, List<BrokerNode> nodes) {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (!routed(topic, nodes.size())) {
            if (System.nanoTime() > deadline) {
                throw new EmbeddedBrokerException("Topic " + topic + " did not appear on the name server " + namesrvAddr
                        + " within " + REGISTRATION_TIMEOUT.toSeconds() + " s; see " + Logs.file());
            }
            pause();
            nodes.forEach(BrokerNode::registerWithNameServer);
        }
    }

    private boolean routed(String topic, int brokerCount) {
        TopicRouteData route = namesrv.getRouteInfoManager().pickupTopicRouteData(topic);
        return route != null && route.getQueueDatas() != null && route.getQueueDatas().size() >= brokerCount;
    }

    private Set<String> unregisteredBrokers() {
        ClusterInfo info = namesrv.getRouteInfoManager().getAllClusterInfo();
        Set<String> registered = info.getBrokerAddrTable() == null ? Set.of() : info.getBrokerAddrTable().keySet();
        synchronized (brokers) {
            return brokers.keySet().stream().filter(n -> !registered.contains(n)).collect(Collectors.toSet());
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
        private int brokerCount = 1;
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

        /** Port of the first broker; 0 (the default) picks a free one. Further brokers always take free ports. */
        public Builder brokerPort(int port) {
            this.brokerPort = Topics.port("brokerPort", port);
            return this;
        }

        /** Address to bind and advertise, default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Number of brokers under the one name server, each with its own name and store; default 1. */
        public Builder brokers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("brokers must be at least 1, was " + count);
            }
            this.brokerCount = count;
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
            if ("messageDelayLevel".equals(key)) {
                return delayLevels(value);
            }
            properties.put(key, value);
            return this;
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

        /**
         * Starts the name server and the brokers and returns once every broker is registered, so a client's first
         * route look-up succeeds.
         *
         * @throws EmbeddedBrokerException naming the cause: a port in use, an unwritable store, a failed start
         */
        public EmbeddedRocketMQBroker start() {
            long begin = System.nanoTime();
            BrokerSettings settings = new BrokerSettings(host, namesrvPort, brokerPort, brokerCount, clusterName,
                    flushDiskType, delayLevels, transactionCheckInterval, transactionTimeout, transactionCheckMax,
                    commitLogFileSize, consumeQueueEntriesPerFile, indexHashSlots, properties, authentication,
                    Map.copyOf(topics), Map.copyOf(orderedTopics));
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
            NamesrvController namesrv;
            try {
                namesrv = startNamesrv(settings, store);
            } catch (RuntimeException e) {
                store.deleteIfTemporary();
                throw e;
            }
            EmbeddedRocketMQBroker broker = new EmbeddedRocketMQBroker(settings, store, namesrv);
            try {
                broker.startBrokers();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            LOG.log(Level.INFO, "Embedded RocketMQ started in {0} ms: name server {1}, brokers {2}, store {3}",
                    (System.nanoTime() - begin) / 1_000_000, broker.namesrvAddr, broker.getBrokerNames(), store.root());
            return broker;
        }
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

package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.store.config.BrokerRole;
import org.apache.rocketmq.store.config.FlushDiskType;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad settings fail before anything starts, naming the setting, the value and what is allowed. */
class BrokerSettingsTest {

    @Test
    void unknownBrokerPropertyIsRejected() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty("maxMesageSize", "1024"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown broker property 'maxMesageSize'")
                .hasMessageContaining("BrokerConfig")
                .hasMessageContaining("MessageStoreConfig");
    }

    /**
     * A broker on port N also listens on N-2 (fast) and N+1 (HA): a port whose neighbours do not exist failed at start
     * with "port out of range:65536", or the client picked a random fast port; a name server on one of them collided
     * at start with an error that blamed the broker's port.
     */
    @Test
    void aBrokerPortWhoseOtherPortsCannotBeUsedIsRejected() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerPort(65535))
                .hasMessage("brokerPort must be 0 (free ports) or 3..65534, was 65535: the broker also listens on"
                            + " brokerPort-2 (fast port) and brokerPort+1 (HA port)");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerPort(2)).hasMessageContaining("was 2");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().namesrvPort(20000).brokerPort(20002).settings())
                .hasMessage("namesrvPort(20000) is brokerPort(20002)'s fast port (brokerPort-2): the broker listens on"
                            + " 20000, 20002 and 20003; give the name server another port");
        assertThat(EmbeddedRocketMQBroker.builder().namesrvPort(20001).brokerPort(20002).settings().brokerPort())
                .isEqualTo(20002);
    }

    @Test
    void brokerPropertyOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty("maxMessageSize", "four megabytes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value 'four megabytes' for broker property 'maxMessageSize': expected an int");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty("flushDiskType", "SOMETIMES"))
                .hasMessageContaining("expected one of [SYNC_FLUSH, ASYNC_FLUSH]");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty("enablePropertyFilter", "yes"))
                .hasMessageContaining("expected true or false");
    }

    /**
     * Values RocketMQ takes without a check, the damage showing later: a negative maxMessageSize refused every send, a
     * deleteWhen that is no hour threw in the clean-up task and no expired file was ever deleted, a disk ratio out of
     * range was clamped without a word (found by an outside audit; failed first here).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "maxMessageSize|-5|expected 1 to 2147483647 (bytes)",
        "mappedFileSizeConsumeQueue|0|expected 1 to 2147483647 (bytes)",
        "fileReservedTime|0|expected 1 to 2147483647 (hours)",
        "timerMaxDelaySec|-1|expected 1 to 2147483647 (seconds)",
        "sendMessageThreadPoolNums|0|expected 1 to 2147483647 (threads)",
        "diskMaxUsedSpaceRatio|150|expected 10 to 95 (percent of the disk; RocketMQ clamps other values)",
        "deleteWhen|banana|expected hours of the day (0 to 23) separated by semicolons, such as 04 or 01;13",
        "deleteWhen|24|expected hours of the day (0 to 23) separated by semicolons, such as 04 or 01;13"})
    void brokerPropertyOutOfItsRangeIsRejected(String key, String value, String expected) {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty(key, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value '" + value + "' for broker property '" + key + "': " + expected);
    }

    @Test
    void knownBrokerPropertiesAreAccepted() {
        EmbeddedRocketMQBroker.builder()
                .brokerProperty("maxMessageSize", "1048576")
                .brokerProperty("flushDiskType", "sync_flush")
                .brokerProperty("brokerPermission", "6")
                .brokerProperty("deleteWhen", "01;13;23")
                .brokerProperty("diskMaxUsedSpaceRatio", "95");
    }

    @Test
    void invalidDelayLevelsAreRejectedWithTheBadToken() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().delayLevels("1s 5x 10s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid delay level '5x' (level 2) in '1s 5x 10s'");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty("messageDelayLevel", "0s"))
                .hasMessageContaining("Invalid delay level '0s'");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().delayLevels(" "))
                .hasMessageContaining("expected space-separated durations");
    }

    @Test
    void delayLevelsParseToDurations() {
        DelayLevels levels = DelayLevels.parse(DelayLevels.DEFAULT);
        assertThat(levels.count()).isEqualTo(18);
        assertThat(levels.delayOf(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(levels.delayOf(13)).isEqualTo(Duration.ofMinutes(9));
        assertThat(levels.delayOf(18)).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> levels.delayOf(19)).hasMessageContaining("valid levels are 1..18");
    }

    @Test
    void unwritableStoreDirectoryIsRejectedBeforeStarting(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().storeDir(file.resolve("store")).start())
                .isInstanceOf(EmbeddedBrokerException.class)
                .hasMessageContaining("Store directory " + file.resolve("store") + " is not writable");
    }

    /** It said "not writable" of a writable regular file, and named the builder's storeDir to a runner user. */
    @Test
    void aStoreDirectoryThatIsAFileIsNamedSo(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("orders-store"), "x");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().storeDir(file).start())
                .isInstanceOf(EmbeddedBrokerException.class)
                .hasMessage("Store directory " + file + " is a file, not a directory: choose a directory the broker can"
                            + " create and write, or leave the store directory unset for a temporary one");
    }

    @Test
    void blankAuthenticationKeysAreRejected() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().authentication(" ", "secret"))
                .hasMessage("authentication accessKey must not be blank");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().authentication("user", null))
                .hasMessage("authentication secretKey must not be blank");
    }

    @Test
    void invalidPortsAndCountsAreRejected() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().namesrvPort(70000))
                .hasMessage("namesrvPort must be 0 (a free port) or 1..65535, was 70000");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokers(0)).hasMessage("brokers must be at least 1, was 0");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().topic("bad topic", 4))
                .hasMessageContaining("Invalid topic name 'bad topic'");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().topic("t", 0)).hasMessage("Topic 't' needs 1..1024 queues, was 0");
    }

    /**
     * RocketMQ's admin refuses its own topics' names: created here, TBW102 lost the inherit permission a broker's topic
     * auto-creation copies, and every send to a new topic failed ("topic not exist, apply first please!"), on a broker
     * shared by other test classes too (found by an outside audit).
     */
    @Test
    void rocketMQsOwnTopicsAreRefused() {
        for (String topic : new String[] { "TBW102", "SCHEDULE_TOPIC_XXXX", "RMQ_SYS_TRANS_HALF_TOPIC",
                                           "rmq_sys_wheel_timer" }) {
            assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().topic(topic, 1)).as(topic)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Topic '" + topic + "' is one of RocketMQ's own topics: create a topic of your own");
        }
        // no broker creates a cloud region's trace topic, which a test of accessChannel=CLOUD tracing creates
        assertThatCode(() -> EmbeddedRocketMQBroker.builder().topic("rmq_sys_TRACE_DATA_DefaultRegion", 1))
                .doesNotThrowAnyException();
    }

    @Test
    void layoutsAndExplicitBrokersAreChosenOneWay() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokers(2).cluster(Layout.TWO_MASTERS_TWO_SLAVES_SYNC))
                .hasMessage("cluster(TWO_MASTERS_TWO_SLAVES_SYNC) cannot be combined with brokers(...): choose the brokers one way");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().broker("broker-a", 0, BrokerRole.SLAVE))
                .hasMessage("Broker broker-a: a SLAVE needs broker id 1 or more, was 0 (0 is the master's id)");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().broker("broker-a", 0, BrokerRole.ASYNC_MASTER)
                .broker("broker-a", 0, BrokerRole.SYNC_MASTER))
                .hasMessage("Broker broker-a with broker id 0 is given twice");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().broker("broker a", 0, BrokerRole.ASYNC_MASTER))
                .hasMessageContaining("Invalid broker name 'broker a'");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().nameServerOnly().cluster(Layout.TWO_MASTERS))
                .hasMessage("cluster(TWO_MASTERS) cannot be combined with nameServerOnly(): it starts no broker");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().nameServerOnly().topic("orders", 4).start())
                .hasMessageContaining("cannot be created by a name server only");
        assertThat(EmbeddedRocketMQBroker.builder().broker("broker-a", 0, BrokerRole.SYNC_MASTER)
                .broker("broker-a", 1, BrokerRole.SLAVE).settings().nodes()).extracting(NodeSpec::key)
                .containsExactly("broker-a", "broker-a-s1");
    }

    /** These were accepted and then ignored: the start used neither the port nor the broker settings. */
    @Test
    void settingsForANodeThisInstanceDoesNotStartAreRefusedNamingBoth() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().namesrvPort(9876).externalNameServer("127.0.0.1:9877")
                .settings())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namesrvPort(9876) is the port of a name server this instance starts; with"
                        + " externalNameServer(127.0.0.1:9877) it starts none (use brokerPort(...) for the broker)");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().nameServerOnly().brokerPort(10911).settings())
                .hasMessage("brokerPort(10911) applies to a broker, and nameServerOnly() starts none");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().authentication("app", "secret").nameServerOnly()
                .settings())
                .hasMessage("authentication(app, ...) applies to a broker, and nameServerOnly() starts none");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().nameServerOnly().syncFlush(true).start())
                .hasMessage("syncFlush(true) applies to a broker, and nameServerOnly() starts none");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().nameServerOnly().delayLevels("1s 2s").start())
                .hasMessage("delayLevels(1s 2s) applies to a broker, and nameServerOnly() starts none");
        assertThat(EmbeddedRocketMQBroker.builder().nameServerOnly().namesrvPort(0).settings().nodes()).isEmpty();
        assertThat(EmbeddedRocketMQBroker.builder().namesrvPort(0).externalNameServer("127.0.0.1:9876").brokerPort(10911)
                .settings().brokerPort()).as("0 is the default, no port asked for").isEqualTo(10911);
    }

    @Test
    void brokerIdentityIsNotABrokerProperty() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty("brokerRole", "SYNC_MASTER"))
                .hasMessageStartingWith("Broker property 'brokerRole' is set per broker: use broker(name, id, role) or cluster(Layout)");
        assertThat(EmbeddedRocketMQBroker.builder().brokerProperty("brokerClusterName", "Orders").settings().clusterName())
                .isEqualTo("Orders");
    }

    /**
     * Kept raw, a property was applied after the typed settings whatever their order: flushDiskType=ASYNC_FLUSH
     * silently undid a later syncFlush(true), and a store path moved one broker's files out of the store's layout.
     */
    @Test
    void storePropertiesGoThroughTheTypedSettingsOrAreRefused() {
        BrokerSettings settings = EmbeddedRocketMQBroker.builder().brokerProperty("flushDiskType", "ASYNC_FLUSH")
                .syncFlush(true).brokerProperty("mappedFileSizeCommitLog", "2097152").settings();
        MessageStoreConfig applied = new MessageStoreConfig();
        applied.setFlushDiskType(settings.flushDiskType());
        settings.properties().applyTo(new BrokerConfig(), applied);
        assertThat(applied.getFlushDiskType()).as("the last setting given").isEqualTo(FlushDiskType.SYNC_FLUSH);
        assertThat(settings.commitLogFileSize()).isEqualTo(2_097_152);
        assertThat(EmbeddedRocketMQBroker.builder().syncFlush(true).brokerProperty("flushDiskType", "ASYNC_FLUSH")
                .settings().flushDiskType()).isEqualTo(FlushDiskType.ASYNC_FLUSH);
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty("storePathRootDir", "/data/mq"))
                .hasMessageStartingWith("Broker property 'storePathRootDir' is set by the store's layout: use"
                                        + " storeDir(path)");
    }

    @Test
    void transactionPropertiesGoThroughTheTypedSettings() {
        BrokerSettings settings = EmbeddedRocketMQBroker.builder()
                .brokerProperty("transactionTimeOut", "1000").brokerProperty("transactionCheckInterval", "500").settings();
        assertThat(settings.transactionTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.transactionCheckInterval()).isEqualTo(Duration.ofMillis(500));
        // not also kept as a raw property, which would be applied last and override the typed setting
        BrokerConfig applied = new BrokerConfig();
        applied.setTransactionTimeOut(1234);
        settings.properties().applyTo(applied, new MessageStoreConfig());
        assertThat(applied.getTransactionTimeOut()).isEqualTo(1234);
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty("transactionTimeOut", "1s"))
                .hasMessage("Invalid value '1s' for broker property 'transactionTimeOut': expected a whole number");
    }

    /**
     * RocketMQ's broker.conf sets the broker's port with listenPort, but that is a NettyServerConfig setting: as a
     * BrokerConfig field it was accepted and the broker listened on another port.
     */
    @Test
    void listenPortIsRefusedNamingTheBrokerPortSetting() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().brokerProperty("listenPort", "10911"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Broker property 'listenPort' (10911) is the broker's port: use brokerPort(port) (runner:"
                        + " --broker-port), which also fixes the fast port (port-2) and the HA port (port+1)");
    }

    /** A blank host was bound and advertised as ":port"; a port out of range waited 30 s for a registration. */
    @Test
    void aBlankHostAndANameServerPortOutOfRangeAreRejectedAtOnce() {
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().host(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host must be an address of this machine (default 127.0.0.1), was ' '");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().externalNameServer("127.0.0.1:99999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid name server address '127.0.0.1:99999': port 99999 is not in 1..65535");
        assertThatThrownBy(() -> EmbeddedRocketMQBroker.builder().externalNameServer("127.0.0.1:9876;127.0.0.2:0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid name server address '127.0.0.1:9876;127.0.0.2:0': port 0 is not in 1..65535");
        assertThat(EmbeddedRocketMQBroker.builder().externalNameServer("127.0.0.1:65535").settings().externalNamesrv())
                .isEqualTo("127.0.0.1:65535");
    }

}

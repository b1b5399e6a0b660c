package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.store.config.BrokerRole;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.junit.jupiter.api.Test;

/** The runner's command line: what each combination starts, and errors that name the option, value and what is allowed. */
class RunnerOptionsTest {

    private static BrokerSettings settings(String... args) {
        return RunnerOptions.parse(args).builder().settings();
    }

    private static void rejects(String message, String... args) {
        assertThatThrownBy(() -> settings(args)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void withoutNodeOptionsANameServerAndOneMasterOnPort9876() {
        BrokerSettings settings = settings();
        assertThat(settings.namesrvPort()).isEqualTo(9876);
        assertThat(settings.externalNamesrv()).isNull();
        assertThat(settings.nodes()).containsExactly(new NodeSpec("broker-a", 0, BrokerRole.ASYNC_MASTER));
        assertThat(settings.brokerPort()).isZero();
    }

    @Test
    void nameServerAlone() {
        BrokerSettings settings = settings("--namesrv-only", "--port", "0", "--store", "/tmp/ns");
        assertThat(settings.nodes()).isEmpty();
        assertThat(settings.namesrvPort()).isZero();
    }

    @Test
    void aSyncMasterAloneOnAFixedPortRegisteringWithAnotherProcess() {
        BrokerSettings settings = settings("--namesrv", "127.0.0.1:9876;127.0.0.1:9877", "--broker-name", "broker-b",
                "--role", "sync-master", "--broker-port", "10911", "--sync-flush", "--cluster-name", "Orders",
                "--property", "transactionCheckInterval=2000", "--property", "slaveReadEnable=true",
                "--topic", "orders", "--topic", "payments:8");
        assertThat(settings.externalNamesrv()).isEqualTo("127.0.0.1:9876;127.0.0.1:9877");
        assertThat(settings.nodes()).containsExactly(new NodeSpec("broker-b", 0, BrokerRole.SYNC_MASTER));
        assertThat(settings.brokerPort()).isEqualTo(10911);
        assertThat(settings.clusterName()).isEqualTo("Orders");
        assertThat(settings.flushDiskType().name()).isEqualTo("SYNC_FLUSH");
        assertThat(settings.transactionCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        BrokerConfig applied = new BrokerConfig();
        settings.properties().applyTo(applied, new MessageStoreConfig());
        assertThat(applied.isSlaveReadEnable()).isTrue();
        assertThat(settings.topics()).containsEntry("orders", 4).containsEntry("payments", 8);
    }

    @Test
    void brokerIdOneIsASlaveAndRoleMayComeAsAProperty() {
        assertThat(settings("--namesrv", "127.0.0.1:9876", "--broker-id", "1").nodes())
                .containsExactly(new NodeSpec("broker-a", 1, BrokerRole.SLAVE));
        assertThat(settings("--namesrv", "127.0.0.1:9876", "--property", "brokerRole=SYNC_MASTER").nodes())
                .containsExactly(new NodeSpec("broker-a", 0, BrokerRole.SYNC_MASTER));
    }

    @Test
    void layoutsInOneProcess() {
        assertThat(settings("--layout", "2m-2s-sync", "--port", "0").nodes()).extracting(NodeSpec::key)
                .containsExactly("broker-a", "broker-b", "broker-a-s1", "broker-b-s1");
        assertThat(settings("--layout", "two-masters").nodes()).hasSize(2);
    }

    @Test
    void badValuesNameTheOptionTheValueAndWhatIsAllowed() {
        rejects("Unknown option '--prot'", "--prot", "1");
        rejects("--port must be 0..65535, was 'abc'", "--port", "abc");
        rejects("--broker-port must be 0..65535, was '70000'", "--broker-port", "70000");
        rejects("--store needs a value", "--store");
        rejects("--broker-name needs a value", "--broker-name", "--sync-flush");
        rejects("--broker-id must be 0 (master) or 1 and up (slave), was '-1'", "--broker-id", "-1");
        rejects("--role must be one of ASYNC_MASTER, SYNC_MASTER, SLAVE (or master, slave), was 'leader'", "--role", "leader");
        rejects("--layout must be one of one-master, two-masters, 2m-2s-sync, was '3m'", "--layout", "3m");
        rejects("--property needs KEY=VALUE, was 'slaveReadEnable'", "--property", "slaveReadEnable");
        rejects("--topic needs NAME or NAME:QUEUES, was 'orders:many'", "--topic", "orders:many");
        rejects("--topic orders:0: Topic 'orders' needs 1..1024 queues, was 0", "--topic", "orders:0");
        assertThatThrownBy(() -> settings("--property", "maxMesageSize=1024"))
                .hasMessageStartingWith("--property maxMesageSize=1024: Unknown broker property 'maxMesageSize'");
        assertThatThrownBy(() -> settings("--property", "slaveReadEnable=yes"))
                .hasMessage("--property slaveReadEnable=yes: Invalid value 'yes' for broker property 'slaveReadEnable': "
                        + "expected true or false");
        assertThatThrownBy(() -> settings("--namesrv", "localhost"))
                .hasMessageContaining("Invalid name server address 'localhost': expected host:port");
    }

    /**
     * Refused by the builder, these named its method rather than the option, and the ports' collision was found only
     * when the runner started, exiting 1 instead of 2 (an outside audit; failing first here).
     */
    @Test
    void valuesTheBuilderRefusesNameTheOptionWhenTheLineIsRead() {
        assertThatThrownBy(() -> RunnerOptions.parse(new String[] {"--port", "10910", "--broker-port", "10912"})
                .builder())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--port 10910 --broker-port 10912: namesrvPort(10910) is brokerPort(10912)'s"
                                        + " fast port");
        assertThatThrownBy(() -> RunnerOptions.parse(new String[] {"--port", "0", "--broker-port", "65535"}).builder())
                .hasMessageStartingWith("--broker-port 65535: brokerPort must be 0");
        assertThatThrownBy(() -> RunnerOptions.parse(new String[] {"--namesrv", "bad"}).builder())
                .hasMessageStartingWith("--namesrv bad: Invalid name server address 'bad'");
    }

    @Test
    void contradictoryCombinationsAreRejected() {
        rejects("--broker-name applies to a broker, and --namesrv-only starts none", "--namesrv-only", "--broker-name", "b");
        rejects("--sync-flush applies to a broker, and --namesrv-only starts none", "--namesrv-only", "--sync-flush");
        // the property was applied after the option and won, whatever their order
        rejects("--sync-flush contradicts --property flushDiskType=ASYNC_FLUSH: give one of them", "--sync-flush",
                "--property", "flushDiskType=ASYNC_FLUSH");
        rejects("--sync-flush contradicts --property flushDiskType=ASYNC_FLUSH: give one of them", "--property",
                "flushDiskType=ASYNC_FLUSH", "--sync-flush");
        rejects("--namesrv-only starts a name server, --namesrv 127.0.0.1:9876 uses another one: give one of them",
                "--namesrv-only", "--namesrv", "127.0.0.1:9876");
        rejects("--port 9876 is the port of a name server this process starts; with --namesrv 127.0.0.1:9876 it starts "
                + "none (use --broker-port for the broker)", "--namesrv", "127.0.0.1:9876", "--port", "9876");
        rejects("--layout TWO_MASTERS names its own brokers: --broker-name, --broker-id and --role apply to a single broker",
                "--layout", "two-masters", "--broker-name", "b");
        rejects("--broker-id 0 --role SLAVE: Broker broker-a: a SLAVE needs broker id 1 or more, was 0 (0 is the master's id)",
                "--role", "slave", "--broker-id", "0");
        rejects("--broker-id 1 --role SYNC_MASTER: Broker broker-a: a SYNC_MASTER has broker id 0, was 1 (ids 1 and up are slaves)",
                "--role", "SYNC_MASTER", "--broker-id", "1");
        rejects("--role SLAVE contradicts the --property that sets it to SYNC_MASTER",
                "--role", "slave", "--property", "brokerRole=SYNC_MASTER");
    }

    @Test
    void theBrokersPortIsAnOptionNotAProperty() {
        rejects("--property listenPort=10911: Broker property 'listenPort' (10911) is the broker's port: use"
                + " brokerPort(port) (runner: --broker-port), which also fixes the fast port (port-2) and the HA port"
                + " (port+1)", "--property", "listenPort=10911");
    }

    /** A repeated option used to win silently, and an empty --store was the working directory. */
    @Test
    void anOptionGivenTwiceOrAnEmptyStoreIsRejected() {
        rejects("--port is given twice (9876, then 9877): give it once", "--port", "9876", "--port", "9877");
        rejects("--broker-name is given twice (a, then b): give it once", "--broker-name", "a", "--broker-name", "b");
        rejects("--topic orders is given twice (orders:4, then orders:8): give it once",
                "--topic", "orders:4", "--topic", "orders:8");
        rejects("--property maxMessageSize is given twice (1024, then 2048): give it once",
                "--property", "maxMessageSize=1024", "--property", "maxMessageSize=2048");
        rejects("--store needs a directory, was ''", "--store", "");
        rejects("--store needs a directory, was ' '", "--store", " ");
        assertThat(settings("--topic", "a", "--topic", "b:2").topics()).containsOnlyKeys("a", "b");
    }

}

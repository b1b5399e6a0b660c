package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rocketcamel.testsupport.TestClients;
import io.rocketcamel.testsupport.TestNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.config.BrokerRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/** The runner as a process: the packaged jar as users start it, and one process per node of a master-slave pair. */
@Execution(ExecutionMode.CONCURRENT) // each case waits on child JVMs of its own
class RunnerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void jarPrintsItsReadyLineServesAndStopsOnSigterm(@TempDir Path store) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("broker-embedded-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run after 'package': no runner jar in target/"));
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--port", "0", "--store", store.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            // a child that hangs before its ready line fails the test; the kill below ends the blocked read
            String ready = CompletableFuture.supplyAsync(() -> readLine(out))
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(ready).matches("READY namesrv=127\\.0\\.0\\.1:\\d+ broker=broker-a:0:ASYNC_MASTER@127\\.0\\.0\\.1:\\d+ pid="
                    + process.pid());
            String address = ready.split(" ")[1].substring("namesrv=".length());

            try (TestClients clients = new TestClients(address)) {
                assertThat(clients.producer().send(new Message("runner-topic", "hello".getBytes(StandardCharsets.UTF_8)))
                        .getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            }

            process.destroy();
            assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            // A clean stop removes the abort marker, so the next start skips recovery.
            assertThat(store.resolve("broker-a").resolve("abort")).doesNotExist();
            assertThat(store.resolve("broker-a").resolve("commitlog")).isDirectory();
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * A broker in a JVM whose direct memory cannot hold the buffers of its storing threads stops delivering delayed,
     * timer and POP-revived messages once it runs out (the fault suite lost them with a 256 MiB heap): it says so as it
     * starts, with the flag to set. The runner's own JVM options set it.
     */
    @Test
    void aBrokerShortOfDirectMemoryWarnsAtStartAndTheRunnersDefaultsAreNot(@TempDir Path dir) throws Exception {
        List<String> args = List.of("--port", "0");
        try (RunnerProcess small = RunnerProcess.start(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), args,
                dir.resolve("small.log"));
             RunnerProcess defaults = RunnerProcess.start(args, dir.resolve("defaults.log"))) {
            assertThat(small.brokers()).hasSize(1);
            assertThat(defaults.brokers()).hasSize(1);
        }
        assertThat(Files.readString(dir.resolve("small.log")))
                .containsPattern("Broker broker-a: the 1 embedded broker\\(s\\) of this JVM may need up to \\d+ MiB of direct"
                                 + " memory, and the JVM allows 256 MiB")
                .containsPattern("Start the JVM with -XX:MaxDirectMemorySize=\\d+m");
        assertThat(Files.readString(dir.resolve("defaults.log"))).doesNotContain("MaxDirectMemorySize");
    }

    /**
     * Name server, SYNC_MASTER and SLAVE as three processes: the master acknowledges replicated messages, the slave
     * serves them after the master's {@code kill -9}, and the master comes back on its address.
     */
    @Test
    void masterAndSlaveAsProcessesSurviveTheMastersKill(@TempDir Path dir) throws Exception {
        int brokerPort = LoopbackPorts.freeBrokerPort();
        List<String> master = List.of("--role", "SYNC_MASTER", "--broker-port", Integer.toString(brokerPort),
                "--store", dir.resolve("master").toString(), "--topic", "runner-ha:2");
        try (RunnerProcess namesrv = RunnerProcess.start(List.of("--namesrv-only", "--port", "0", "--store",
                dir.resolve("namesrv").toString()), dir.resolve("namesrv.log"))) {
            assertThat(namesrv.brokers()).isEmpty();
            String addr = namesrv.namesrvAddr();
            RunnerProcess first = RunnerProcess.start(with(master, "--namesrv", addr), dir.resolve("master.log"));
            try (RunnerProcess slave = RunnerProcess.start(List.of("--namesrv", addr, "--broker-id", "1",
                    "--store", dir.resolve("slave").toString(), "--topic", "runner-ha:2"), dir.resolve("slave.log"));
                    TestClients clients = new TestClients(addr)) {
                assertThat(first.brokers()).containsExactly(
                        new RunningBroker("broker-a", 0, BrokerRole.SYNC_MASTER, "127.0.0.1:" + brokerPort));
                assertThat(slave.brokers()).extracting(RunningBroker::role).containsExactly(BrokerRole.SLAVE);

                DefaultMQProducer producer = clients.producer();
                Set<String> sent = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    SendResult result = producer.send(new Message("runner-ha", ("m" + i).getBytes(StandardCharsets.UTF_8)));
                    // FLUSH_SLAVE_TIMEOUT here would mean the slave process is not replicating
                    assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    sent.add(result.getMsgId());
                }

                first.kill();
                ConcurrentLinkedQueue<MessageExt> fromSlave = new ConcurrentLinkedQueue<>();
                clients.collect(TestNames.unique("runner-ha"), "runner-ha", "*", fromSlave);
                await().atMost(PATIENCE).until(() -> fromSlave.stream().map(MessageExt::getMsgId)
                        .collect(Collectors.toSet()).containsAll(sent));

                try (RunnerProcess restarted = RunnerProcess.start(with(master, "--namesrv", addr), dir.resolve("master.log"))) {
                    assertThat(restarted.brokers()).extracting(RunningBroker::address).containsExactly("127.0.0.1:" + brokerPort);
                }
            } finally {
                first.close();
            }
        }
    }

    private static List<String> with(List<String> args, String... more) {
        return Stream.concat(args.stream(), Stream.of(more)).toList();
    }

    private static String readLine(BufferedReader out) {
        try {
            return out.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

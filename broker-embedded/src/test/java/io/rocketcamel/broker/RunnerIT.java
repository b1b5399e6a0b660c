package io.rocketcamel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as {@code java -jar}: prints the address, serves clients, stops on SIGTERM. */
class RunnerIT {

    @Test
    void runnerPrintsTheAddressServesAndStopsOnSigterm(@TempDir Path store) throws Exception {
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
            String address = out.readLine();
            assertThat(address).matches("127\\.0\\.0\\.1:\\d+");

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
}

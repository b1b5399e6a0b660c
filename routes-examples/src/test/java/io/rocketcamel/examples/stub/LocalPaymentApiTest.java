package io.rocketcamel.examples.stub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalPaymentApiTest {

    @Test
    void slowChargesHoldUpNoVoid() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (LocalPaymentApi api = new LocalPaymentApi(new ObjectMapper())) {
            // more slow charges than the server has threads, each given up on by its client as the saga's would be
            for (int i = 0; i < 20; i++) {
                http.sendAsync(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/payments")).timeout(Duration.ofMillis(200))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"s-" + i + "\",\"card\":\"SLOW\",\"amount\":\"1.00\"}"))
                        .header("Content-Type", "application/json").header("Idempotency-Key", "s-" + i).build(),
                        HttpResponse.BodyHandlers.discarding());
            }

            HttpResponse<String> voided = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/payments/s-0/void"))
                    .timeout(Duration.ofSeconds(1)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(voided.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closingLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        LocalPaymentApi api = new LocalPaymentApi(new ObjectMapper());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/payments"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"o-1\",\"card\":\"VISA\",\"amount\":\"1.00\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);

        api.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> !before.contains(thread) && thread.isAlive() && !thread.isDaemon()
                                      && !thread.getName().startsWith("HttpClient")
                                      && !thread.getName().startsWith("awaitility"))
                .extracting(Thread::getName).isEmpty());
    }
}

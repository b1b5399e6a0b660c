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

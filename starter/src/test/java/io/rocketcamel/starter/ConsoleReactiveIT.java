package io.rocketcamel.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.rocketcamel.starter.app.OrdersApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operations console on a reactive web server (Spring WebFlux on Reactor Netty): the page and the JSON as on a
 * servlet server, and the same answers to a caller's mistakes.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {
                    "spring.main.web-application-type=reactive",
                    "rocketcamel.console.enabled=true",
                    "camel.component.rocketmq.send-timeout=10s" })
class ConsoleReactiveIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void servesThePageAndTheJsonOnAReactiveWebServer() throws Exception {
        assertThat(get("/rocketcamel/")).satisfies(page -> {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>RocketCamel console", "<script src=\"console.js\"");
        });
        assertThat(get("/rocketcamel/api/overview")).satisfies(overview -> {
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains("\"consumers\"", "order-reader", "\"producers\"");
        });
        assertThat(get("/rocketcamel/api/groups")).satisfies(groups -> {
            assertThat(groups.statusCode()).isEqualTo(200);
            assertThat(groups.body()).contains("order-readers");
        });
    }

    @Test
    void aCallersMistakeIsNamedWithItsStatus() throws Exception {
        assertThat(get("/rocketcamel/api/messages")).satisfies(lookup -> {
            assertThat(lookup.statusCode()).isEqualTo(400);
            assertThat(lookup.body()).contains("Look messages up by key=... or by id=...");
        });
        assertThat(get("/rocketcamel/api/groups/no-such-group/dead-letters")).satisfies(unknown -> {
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no-such-group");
        });
        HttpResponse<String> notJson = http.send(HttpRequest.newBuilder(uri("/rocketcamel/api/groups/order-readers/dead-letters/resend"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("not json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    /** As on a servlet server (ConsoleResendIT): a name the console is not known by, another site's re-send. */
    @Test
    void aRequestForAnotherNameOrFromAnotherSiteIsRefused() throws Exception {
        RawHttp.Response rebound = RawHttp.send(port, "GET", "/rocketcamel/api/overview",
                Map.of("Host", "rebound.example:" + port), null);
        assertThat(rebound.status()).as(rebound.body()).isEqualTo(403);
        assertThat(rebound.body()).contains("rebound.example", "rocketcamel.console.allowed-hosts");
        String resend = "/rocketcamel/api/groups/order-readers/dead-letters/resend";
        RawHttp.Response crossSite = RawHttp.send(port, "POST", resend,
                Map.of("Host", "127.0.0.1:" + port, "Origin", "http://attacker.example", "Content-Type",
                       "application/json"), "{\"all\": true}");
        assertThat(crossSite.status()).as(crossSite.body()).isEqualTo(403);
        assertThat(crossSite.body()).contains("http://attacker.example");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

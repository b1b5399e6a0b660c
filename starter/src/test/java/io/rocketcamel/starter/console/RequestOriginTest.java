package io.rocketcamel.starter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestOriginTest {

    private final RequestOrigin byDefault = new RequestOrigin(List.of());

    @Test
    void localhostAndAddressesAreAnsweredWithOrWithoutAPort() {
        for (String host : List.of("localhost", "localhost:8080", "LocalHost:8080", "app.localhost:8080", "127.0.0.1",
                                   "127.0.0.1:8080", "10.1.2.3:8080", "[::1]:8080", "[::1]", "[fe80::1%25eth0]:8080")) {
            assertThat(byDefault.refusal(host, null, false)).as(host).isNull();
        }
    }

    @Test
    void anyOtherNameIsRefusedUnlessAllowed() {
        for (String host : List.of("rebound.example:8080", "rebound.example", "127.0.0.1.rebound.example",
                                   "localhost.rebound.example:8080", "ops.example.com.evil.example")) {
            assertThat(byDefault.refusal(host, null, false)).as(host).contains(host, "allowed-hosts");
        }
        RequestOrigin allowed = new RequestOrigin(List.of("Ops.Example.com", ".corp.example"));
        assertThat(allowed.refusal("ops.example.com:8443", null, false)).isNull();
        assertThat(allowed.refusal("corp.example", null, false)).isNull();
        assertThat(allowed.refusal("console.eu.corp.example:8080", null, false)).isNull();
        assertThat(allowed.refusal("evilcorp.example", null, false)).isNotNull();
        assertThat(allowed.refusal("ops.example.com.evil.example", null, false)).isNotNull();
        assertThat(new RequestOrigin(List.of("*")).refusal("anything.example", null, false)).isNull();
    }

    /** Requests without a Host (HTTP/1.0, a script on the server) come from no browser page: nothing to rebind. */
    @Test
    void aRequestWithoutHostIsAnswered() {
        assertThat(byDefault.refusal(null, null, false)).isNull();
        assertThat(byDefault.refusal(null, null, true)).isNull();
    }

    @Test
    void aWriteIsTakenOnlyFromTheConsolesOwnPage() {
        assertThat(byDefault.refusal("127.0.0.1:8080", "http://127.0.0.1:8080", true)).isNull();
        assertThat(byDefault.refusal("LOCALHOST:8080", "http://localhost:8080", true)).isNull();
        // curl and other clients outside a browser send no Origin
        assertThat(byDefault.refusal("127.0.0.1:8080", null, true)).isNull();
        for (String origin : List.of("http://attacker.example", "http://127.0.0.1:9090", "http://localhost:8080",
                                     "null", "not a uri")) {
            assertThat(byDefault.refusal("127.0.0.1:8080", origin, true)).as(origin).contains(origin, "127.0.0.1:8080");
        }
        // a read from another page is the browser's to withhold: the console sends no CORS headers
        assertThat(byDefault.refusal("127.0.0.1:8080", "http://attacker.example", false)).isNull();
    }
}

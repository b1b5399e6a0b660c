package io.rocketcamel.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WireMock standing in for the HTTP services outside our system, one server for the whole test run. The search
 * index's state is rebuilt from the requests in the order WireMock handled them: the CDC route sends a row's changes
 * one after the other, so per document that order is the order of the changes.
 */
final class WireMockServices {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Map<String, Object>> DOCUMENTS = new ConcurrentHashMap<>();
    private static final WireMockServer SERVER = start();

    private WireMockServices() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(any(urlPathMatching("/search/products/_doc/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"result\":\"ok\"}")));
        server.stubFor(post(urlPathEqualTo("/payments")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"APPROVED\"}")));
        server.stubFor(post(urlPathEqualTo("/payments")).atPriority(1).withRequestBody(matchingJsonPath("$.card", equalTo("DECLINE")))
                .willReturn(aResponse().withStatus(402).withBody("{\"status\":\"DECLINED\"}")));
        // Longer than the payment client waits (rocketcamel.demo.payment.timeout in the tests).
        server.stubFor(post(urlPathEqualTo("/payments")).atPriority(1).withRequestBody(matchingJsonPath("$.card", equalTo("SLOW")))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{\"status\":\"APPROVED\"}")));
        server.addMockServiceRequestListener((request, response) -> index(request));
        return server;
    }

    static WireMockServer server() {
        return SERVER;
    }

    static String searchUrl() {
        return SERVER.baseUrl() + "/search";
    }

    static String paymentUrl() {
        return SERVER.baseUrl() + "/payments";
    }

    static Map<String, Map<String, Object>> documents() {
        return new TreeMap<>(DOCUMENTS);
    }

    private static void index(Request request) {
        String prefix = "/search/products/_doc/";
        if (!request.getUrl().startsWith(prefix)) {
            return;
        }
        String id = request.getUrl().substring(prefix.length());
        switch (request.getMethod().getName()) {
            case "PUT" -> DOCUMENTS.put(id, parse(request.getBodyAsString()));
            case "DELETE" -> DOCUMENTS.remove(id);
            default -> { }
        }
    }

    private static Map<String, Object> parse(String body) {
        try {
            return JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

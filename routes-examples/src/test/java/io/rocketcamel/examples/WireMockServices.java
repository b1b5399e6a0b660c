package io.rocketcamel.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/** WireMock standing in for the payment API outside our system, one server for the whole test run. */
final class WireMockServices {

    private static final WireMockServer SERVER = start();

    private WireMockServices() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/payments")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"APPROVED\"}")));
        server.stubFor(post(urlPathEqualTo("/payments")).atPriority(1).withRequestBody(matchingJsonPath("$.card", equalTo("DECLINE")))
                .willReturn(aResponse().withStatus(402).withBody("{\"status\":\"DECLINED\"}")));
        // Longer than the payment client waits (rocketcamel.demo.payment.timeout in the tests).
        server.stubFor(post(urlPathEqualTo("/payments")).atPriority(1).withRequestBody(matchingJsonPath("$.card", equalTo("SLOW")))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{\"status\":\"APPROVED\"}")));
        return server;
    }

    static WireMockServer server() {
        return SERVER;
    }

    static String paymentUrl() {
        return SERVER.baseUrl() + "/payments";
    }
}

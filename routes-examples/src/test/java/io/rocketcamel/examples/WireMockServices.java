package io.rocketcamel.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.rocketcamel.examples.saga.PaymentGateway;

/** WireMock standing in for the payment API outside our system, one server for the whole test run. */
final class WireMockServices {

    private static final WireMockServer SERVER = start();

    private WireMockServices() {
    }

    private static WireMockServer start() {
        // delays answered asynchronously: a slow charge must not hold one of the server's 25 threads for its whole delay,
        // or a burst of them leaves voids waiting past their timeout (as a real gateway would not)
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true));
        server.start();
        server.stubFor(post(urlPathEqualTo("/payments")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"APPROVED\"}")));
        server.stubFor(post(urlPathEqualTo("/payments")).atPriority(1).withRequestBody(matchingJsonPath("$.card", equalTo("DECLINE")))
                .willReturn(aResponse().withStatus(402).withBody("{\"status\":\"DECLINED\"}")));
        // Longer than the payment client waits (rocketcamel.demo.payment.timeout in the tests).
        server.stubFor(post(urlPathEqualTo("/payments")).atPriority(1).withRequestBody(matchingJsonPath("$.card", equalTo("SLOW")))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000).withBody("{\"status\":\"APPROVED\"}")));
        // a payment voided by its key, whether it went through or not
        server.stubFor(post(urlPathMatching("/payments/[^/]+/void")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"VOIDED\"}")));
        return server;
    }

    static WireMockServer server() {
        return SERVER;
    }

    static String paymentUrl() {
        return SERVER.baseUrl() + "/payments";
    }

    /** The charges requested for the order, with its id as idempotency key. */
    static int charges(String orderId) {
        return SERVER.findAll(postRequestedFor(urlPathEqualTo("/payments"))
                .withHeader(PaymentGateway.IDEMPOTENCY_KEY, equalTo(orderId))
                .withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))).size();
    }

    /** The gateway answers the order's first void with 503, as one busy or restarting would; later voids pass. */
    static void refuseFirstVoid(String orderId) {
        SERVER.stubFor(post(urlPathEqualTo("/payments/" + orderId + "/void")).atPriority(1)
                .inScenario("void " + orderId).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("refused once")
                .willReturn(aResponse().withStatus(503)));
    }

    static int voids(String orderId) {
        return SERVER.findAll(postRequestedFor(urlPathEqualTo("/payments/" + orderId + "/void"))).size();
    }
}

package io.rocketcamel.examples.stub;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rocketcamel.examples.saga.PaymentGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The payment API outside our system, for the demo only: it declines some cards and is slow for others. Tests use
 * WireMock instead; a real deployment points {@code rocketcamel.demo.payment.url} at the real service. Started on
 * first use, on a free loopback port.
 */
@Component
@Lazy
public class LocalPaymentApi implements AutoCloseable {

    /** The answer to a charge whose payment was voided. */
    private static final int VOIDED = 409;
    private static final Map<Integer, String> STATUSES = Map.of(200, "{\"status\":\"APPROVED\"}",
            402, "{\"status\":\"DECLINED\"}", VOIDED, "{\"status\":\"VOIDED\"}");
    /** The last keys' answers: enough for the retries of the orders in flight, bounded for the load mode. */
    private static final int KEYS_KEPT = 100_000;

    private final HttpServer server;
    /** Not the server's to stop: HttpServer.stop leaves its executor running, and its threads the JVM. */
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private final Map<String, Integer> answers = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > KEYS_KEPT;
        }
    });
    private final ObjectMapper json;

    public LocalPaymentApi(ObjectMapper json) {
        this.json = json;
        // The JDK's server writes a response's headers and body apart; with Nagle's algorithm on, the body then waits
        // for the client's delayed ACK: 40-60 ms a call, measured, against 2.5-3.5 ms without. That stall, not the
        // routes, bounded the load mode's order saga (payment) and CDC (search index). Read when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the demo's local payment API", e);
        }
        // A slow payment must not hold up the other calls.
        server.setExecutor(callers);
        server.createContext("/payments", this::payment);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Card DECLINE is declined (402), card SLOW answers after 3 s, which the payment client gives up on first. A request
     * repeating an {@code Idempotency-Key} gets the first one's answer and charges nothing more; {@code POST
     * /payments/{key}/void} voids the payment.
     */
    private void payment(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/void")) {
            voidPayment(exchange, path.substring("/payments/".length(), path.length() - "/void".length()));
            return;
        }
        Map<String, Object> charge = json.readValue(exchange.getRequestBody(), new TypeReference<Map<String, Object>>() { });
        String key = exchange.getRequestHeaders().getFirst(PaymentGateway.IDEMPOTENCY_KEY);
        Integer answered = key == null ? null : answers.get(key);
        int status = answered != null ? answered : charge(String.valueOf(charge.get("card")));
        // a charge voided while it was in flight is not captured when it completes: the void's answer stands
        Integer first = key == null ? null : answers.putIfAbsent(key, status);
        int answer = first != null ? first : status;
        respond(exchange, answer, STATUSES.get(answer));
    }

    /** Voids the payment with this key, captured or still in flight (or none: nothing to undo). */
    private void voidPayment(HttpExchange exchange, String key) throws IOException {
        answers.put(URLDecoder.decode(key, StandardCharsets.UTF_8), VOIDED);
        respond(exchange, 200, STATUSES.get(VOIDED));
    }

    private static int charge(String card) {
        switch (card) {
            case "DECLINE" -> {
                return 402;
            }
            case "SLOW" -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 200;
            }
            default -> {
                return 200;
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        callers.shutdownNow();
    }
}

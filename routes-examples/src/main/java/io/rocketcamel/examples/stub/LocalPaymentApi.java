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
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(3);

    private final HttpServer server;
    /** Not the server's to stop: HttpServer.stop leaves its executor running, and its threads the JVM. */
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    /** Answers slow charges when their time is up: a slow charge holds no thread the other calls need. */
    private final ScheduledExecutorService slowAnswers = Executors.newSingleThreadScheduledExecutor();
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
        String card = String.valueOf(charge.get("card"));
        if (answered == null && "SLOW".equals(card)) {
            slowAnswers.schedule(() -> answer(exchange, key, 200), SLOW_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        answer(exchange, key, answered != null ? answered : "DECLINE".equals(card) ? 402 : 200);
    }

    private void answer(HttpExchange exchange, String key, int status) {
        // a charge voided while it was in flight is not captured when it completes: the void's answer stands
        Integer first = key == null ? null : answers.putIfAbsent(key, status);
        int answer = first != null ? first : status;
        try {
            respond(exchange, answer, STATUSES.get(answer));
        } catch (IOException clientGaveUp) {
            // the client stopped waiting (a slow charge): the payment is still recorded under its key
            exchange.close();
        }
    }

    /** Voids the payment with this key, captured or still in flight (or none: nothing to undo). */
    private void voidPayment(HttpExchange exchange, String key) throws IOException {
        answers.put(URLDecoder.decode(key, StandardCharsets.UTF_8), VOIDED);
        respond(exchange, 200, STATUSES.get(VOIDED));
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
        slowAnswers.shutdownNow();
    }
}

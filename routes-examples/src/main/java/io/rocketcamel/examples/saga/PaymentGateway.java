package io.rocketcamel.examples.saga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rocketcamel.examples.stub.LocalPaymentApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The payment API outside our system: {@code POST {url}} with the order's amount and card and the order id as
 * {@code Idempotency-Key}; 2xx approves, 402 declines, and no answer within {@code rocketcamel.demo.payment.timeout}
 * counts as failed, though the gateway may still approve it: {@code POST {url}/{orderId}/void} undoes that.
 */
@Component
public class PaymentGateway {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The one failure after which the gateway surely holds no money of the order. */
    public static final String DECLINED = "payment_declined";
    /** A void keeps no customer waiting: it may take longer than a charge rather than be given up on and sent again. */
    private static final Duration VOID_TIMEOUT = Duration.ofSeconds(5);

    // HTTP/1.1: over one HTTP/2 connection (h2c, which WireMock offers), voids sent while charges were being given up
    // on timed out by the dozen; a request of its own connection is not held up by another's
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json;
    private final URI url;
    private final Duration timeout;

    public PaymentGateway(ObjectMapper json, @Value("${rocketcamel.demo.payment.url:}") String configured,
            @Value("${rocketcamel.demo.payment.timeout:1s}") Duration timeout, ObjectProvider<LocalPaymentApi> stubs) {
        this.json = json;
        this.url = URI.create(configured.isBlank() ? stubs.getObject().baseUrl() + "/payments" : configured);
        this.timeout = timeout;
    }

    /** @return null when approved, else why the payment failed */
    public String charge(OrderEvent order) throws JsonProcessingException, InterruptedException {
        String body = json.writeValueAsString(Map.of("orderId", order.orderId(), "amount", order.amount(), "card", order.card()));
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                // one key per order: the gateway charges a repeated request (a retry, a redelivered step) once
                .header(IDEMPOTENCY_KEY, order.orderId())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return null;
            }
            return status == 402 ? DECLINED : "payment_error_" + status;
        } catch (HttpTimeoutException e) {
            return "payment_timeout";
        } catch (IOException e) {
            return "payment_unreachable";
        }
    }

    /**
     * Voids the order's payment by its idempotency key: a charge that failed on our side (a timeout) may have gone
     * through at the gateway, which voids it whether captured or still in flight, and answers 404 when it has none.
     *
     * @throws TransientFailureException when the gateway did not confirm: the caller tries again
     */
    public void voidPayment(String orderId) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8)
                + "/void")).timeout(VOID_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new TransientFailureException("payment gateway did not answer the void of order " + orderId + ": " + e);
        }
        if (status / 100 != 2 && status != 404) {
            throw new TransientFailureException("payment gateway answered " + status + " to the void of order " + orderId);
        }
    }
}

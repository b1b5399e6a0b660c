package io.rocketcamel.starter.console;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleControllerTest {

    /**
     * A request whose answer outlasted the server's async timeout (brokers slow in an incident) said "null", and the
     * page showed "Re-send failed: null" while the re-send still went on and completed.
     */
    @Test
    void aTimedOutRequestSaysTheWorkMayStillComplete() {
        ConsoleController controller = new ConsoleController(null, null, new ConsoleProperties());

        ResponseEntity<Map<String, String>> answer = controller.brokerError(new AsyncRequestTimeoutException());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getBody().get("error")).isNotEqualTo("null").contains("did not answer in time",
                "may still complete");
    }
}

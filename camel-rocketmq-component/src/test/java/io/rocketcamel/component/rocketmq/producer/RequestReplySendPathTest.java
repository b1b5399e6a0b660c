package io.rocketcamel.component.rocketmq.producer;

import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.RocketMQHeaderFilterStrategy;
import io.rocketcamel.component.rocketmq.internal.HeaderMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.rocketmq.client.common.ClientErrorCode;
import org.apache.rocketmq.client.exception.RequestTimeoutException;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 5.5 client calls a request's callback more than once (apache/rocketmq#10613): onSuccess(null) when the request
 * is stored, and both the reply and the timeout when they race. The exchange must complete exactly once.
 */
class RequestReplySendPathTest {

    private final CamelContext context = new DefaultCamelContext();
    private final RequestReplySendPath path = new RequestReplySendPath(null,
            new HeaderMapper(new RocketMQHeaderFilterStrategy()), 1000, new InOutThreads(null, null));
    private final Exchange exchange = new DefaultExchange(context);
    private final AtomicInteger completions = new AtomicInteger();
    private final RequestReplySendPath.PendingRequest request = path.new PendingRequest(exchange,
            doneSync -> completions.incrementAndGet(), new Message("prices", "apple".getBytes()));

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private static Message reply(String body) {
        Message reply = new Message("reply-topic", body.getBytes());
        reply.putUserProperty("answeredBy", "pricing");
        return reply;
    }

    private static RequestTimeoutException timeout() {
        return new RequestTimeoutException(ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION, "request timeout, no reply message.");
    }

    @Test
    void theStoredRequestsEmptyCallbackIsNotTheReply() {
        request.onSuccess(null);
        assertThat(completions).hasValue(0);

        request.onSuccess(reply("42"));

        assertThat(completions).hasValue(1);
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("42");
        assertThat(exchange.getMessage().getHeader("answeredBy")).isEqualTo("pricing");
    }

    @Test
    void aReplyRacingItsTimeoutCompletesTheExchangeOnceWithTheReply() {
        request.onSuccess(reply("42"));
        request.onException(timeout());

        assertThat(completions).hasValue(1);
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("42");
    }

    @Test
    void aTimeoutBeforeALateReplyCompletesTheExchangeOnceAsTimedOut() {
        request.onException(timeout());
        request.onSuccess(reply("late"));

        assertThat(completions).hasValue(1);
        assertThat(exchange.getException()).isInstanceOf(ExchangeTimedOutException.class)
                .hasMessageContaining("requestTimeout=1000ms").hasMessageContaining("prices");
    }

    @Test
    void theProducersOwnTimeoutBeforeTheClientsCompletesTheExchangeOnce() {
        request.timedOut();
        request.onException(timeout());
        request.onSuccess(reply("late"));

        assertThat(completions).hasValue(1);
        assertThat(exchange.getException()).isInstanceOf(ExchangeTimedOutException.class)
                .hasMessageContaining("requestTimeout=1000ms");
    }
}

package io.rocketcamel.component.rocketmq.health;

import java.util.concurrent.RejectedExecutionException;

import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendHealthTest {

    @Test
    void countsTheClustersFailuresWhereverTheyAreWrapped() {
        SendHealth health = new SendHealth();
        health.record(new CamelExchangeException("lane failed", null, new MQClientException("no route", null)));
        health.record(new MQBrokerException(14, "broker busy"));
        health.record(new IllegalStateException("send failed", new RemotingTimeoutException("127.0.0.1:10911", 3000)));

        assertThat(health.failuresInARow()).isEqualTo(3);
        assertThat(health.lastFailure()).hasMessage("send failed");
    }

    @Test
    void aFullLocalSendBufferIsNotTheClusters() {
        SendHealth health = new SendHealth();
        // the component's send buffer (sendBufferBytes) and the client's async send pool: both in this JVM
        health.record(new RejectedExecutionException("send buffer full"));
        health.record(new MQClientException("executor rejected ", new RejectedExecutionException("pool full")));

        assertThat(health.failuresInARow()).isZero();
    }

    @Test
    void theApplicationsFailuresLeaveTheCountAlone() {
        SendHealth health = new SendHealth();
        health.record(new MQClientException("no route", null));
        health.record(new ExchangeTimedOutException(null, 1000));
        health.record(new IllegalStateException("out of stock"));
        health.record(new IllegalArgumentException("body too large"));
        // the broker refused the message as illegal: the message's fault, though the broker's answer is its cause
        health.record(new CamelExchangeException("lane failed", null,
                new UnsendableMessageException("refused as illegal", new MQBrokerException(13, "the message is illegal"))));

        assertThat(health.failuresInARow()).isOne();
        health.record(null);
        assertThat(health.failuresInARow()).isZero();
    }
}

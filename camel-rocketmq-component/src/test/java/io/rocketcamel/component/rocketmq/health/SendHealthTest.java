package io.rocketcamel.component.rocketmq.health;

import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.rocketmq.client.common.ClientErrorCode;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.exception.RemotingConnectException;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendHealthTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    /** Down for 10 s after a failure; the client has routes for the topics "routed" and "orders" only. */
    private SendHealth health() {
        return new SendHealth(10_000, Set.of("routed", "orders")::contains, nanos::get);
    }

    private void advanceSeconds(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void countsTheClustersFailuresWhereverTheyAreWrapped() {
        SendHealth health = health();
        health.record(new CamelExchangeException("lane failed", null, new MQClientException("no route", null)), List.of());
        health.record(new MQBrokerException(14, "broker busy"), List.of());
        health.record(new IllegalStateException("send failed", new RemotingTimeoutException("127.0.0.1:10911", 3000)), List.of());

        assertThat(health.failuresInARow()).isEqualTo(3);
        assertThat(health.lastFailure()).hasMessage("send failed");
        assertThat(health.down()).isTrue();
    }

    @Test
    void aFullLocalSendBufferIsNotTheClusters() {
        SendHealth health = health();
        // the component's send buffer (sendBufferBytes) and the client's async send pool: both in this JVM
        health.record(new RejectedExecutionException("send buffer full"), List.of());
        health.record(new MQClientException("executor rejected ", new RejectedExecutionException("pool full")), List.of());

        assertThat(health.failuresInARow()).isZero();
        assertThat(health.down()).isFalse();
    }

    @Test
    void theApplicationsFailuresLeaveTheCountAlone() {
        SendHealth health = health();
        health.record(new MQClientException("no route", null), List.of());
        health.record(new ExchangeTimedOutException(null, 1000), List.of());
        health.record(new IllegalStateException("out of stock"), List.of());
        health.record(new IllegalArgumentException("body too large"), List.of());
        // the broker refused the message as illegal: the message's fault, though the broker's answer is its cause
        health.record(new CamelExchangeException("lane failed", null,
                new UnsendableMessageException("refused as illegal", new MQBrokerException(13, "the message is illegal"))),
                null);

        assertThat(health.failuresInARow()).isOne();
        health.record(null, List.of());
        assertThat(health.failuresInARow()).isZero();
        assertThat(health.down()).isFalse();
    }

    @Test
    void aFailureCountsForAWhileWithoutASend() {
        SendHealth health = health();
        health.record(new MQBrokerException(14, "broker busy"), List.of());
        advanceSeconds(9);
        assertThat(health.down()).isTrue();
        health.record(new MQBrokerException(14, "broker busy"), List.of());
        advanceSeconds(9);
        assertThat(health.down()).as("9 s after the last of two failures").isTrue();
        assertThat(health.millisSinceLastFailure()).isEqualTo(9_000);

        advanceSeconds(1);
        assertThat(health.down()).as("10 s after it, no send since").isFalse();
        health.record(new MQBrokerException(14, "broker busy"), List.of());
        assertThat(health.down()).isTrue();
        assertThat(health.failuresInARow()).isEqualTo(3);
    }

    @Test
    void aSendToAnotherTopicFailsForTheClusterOnlyWhenThatTopicIsServed() {
        SendHealth health = health();
        // no route: the exchange's topic does not exist (or the name servers are away, which the client's calls tell)
        health.record(new MQClientException("No route info of this topic: typo", null)
                .setResponseCode(ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION), List.of("typo"));
        health.record(new MQClientException("No route info for this topic, typo", null), List.of("typo"));
        // a route, but the broker has no such topic any more or may not write to it
        health.record(new MQClientException("Send [3] times, still failed", new MQBrokerException(ResponseCode.TOPIC_NOT_EXIST,
                "topic not exist")), List.of("routed"));
        health.record(new MQBrokerException(ResponseCode.NO_PERMISSION, "no permission"), List.of("routed"));
        assertThat(health.failuresInARow()).isZero();

        // a broker of that topic unreachable: the cluster's, whichever topic found it
        health.record(new MQClientException("Send [3] times, still failed", new RemotingConnectException("10.0.0.7:10911")),
                List.of("routed"));
        // the endpoint's own topic without a route: nothing can be sent
        health.record(new MQClientException("No route info of this topic: orders", null)
                .setResponseCode(ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION), List.of());
        assertThat(health.failuresInARow()).isEqualTo(2);
    }

    /** A list whose messages named several topics: a failure for any of them is the exchange's. */
    @Test
    void aSendToSeveralNamedTopicsFailsForTheClusterOnlyWhenEachIsServed() {
        SendHealth health = health();
        health.record(new MQClientException("No route info of this topic: typo", null)
                .setResponseCode(ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION), List.of("routed", "typo"));
        health.record(new MQBrokerException(ResponseCode.TOPIC_NOT_EXIST, "topic not exist"), List.of("orders", "routed"));
        assertThat(health.failuresInARow()).isZero();

        health.record(new MQClientException("Send [3] times, still failed", new RemotingConnectException("10.0.0.7:10911")),
                List.of("routed", "orders"));
        assertThat(health.failuresInARow()).isEqualTo(1);
    }
}

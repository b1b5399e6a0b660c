package io.rocketcamel.component.rocketmq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.rocketcamel.testsupport.TestNames;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;

class SilentBrokersTest {

    private static final String HUNG = "127.0.0.1:10911";
    private static final String OTHER = "127.0.0.1:10921";
    private static final String LONG_POLLED = "127.0.0.1:10931";

    @Test
    void aBrokerWhoseHeartbeatOutlivedTheClientsTimeoutIsNotAskedByARebalanceUntilItAnswersAnything() throws Throwable {
        SilentBrokers silent = installed(200);
        RemotingCommand heartbeat = RemotingCommand.createRequestCommand(RequestCode.HEART_BEAT, null);
        silent.doBeforeRequest(HUNG, RemotingCommand.createRequestCommand(RequestCode.QUERY_CONSUMER_OFFSET, null));
        silent.doBeforeRequest(HUNG, heartbeat);
        silent.doBeforeRequest(OTHER, heartbeat);
        // a broker holds a pull for up to 15 s when it has nothing: no sign of a hang
        silent.doBeforeRequest(LONG_POLLED, RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, null));
        silent.doAfterResponse(OTHER, heartbeat, RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null));
        assertThat(silent.isSilent(HUNG)).as("within the timeout").isFalse();

        await().atMost(Duration.ofSeconds(5)).until(() -> silent.isSilent(HUNG));
        assertThat(silent.isSilent(OTHER)).as("answered").isFalse();
        assertThat(silent.isSilent(LONG_POLLED)).as("only pulled from").isFalse();
        assertThat(silent.isSilent("127.0.0.1:10941")).as("never asked").isFalse();

        for (int code : new int[] {RequestCode.GET_CONSUMER_LIST_BY_GROUP, RequestCode.LOCK_BATCH_MQ}) {
            RemotingCommand call = RemotingCommand.createRequestCommand(code, null);
            assertThatThrownBy(() -> silent.doBeforeRequest(HUNG, call)).as("call %d", code)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(HUNG)
                    .hasMessageContaining("200 ms");
            silent.doBeforeRequest(OTHER, call);
        }
        silent.doBeforeRequest(HUNG, RemotingCommand.createRequestCommand(RequestCode.QUERY_CONSUMER_OFFSET, null));
        // the heartbeat a round sends when it changed the consumer's queues; a periodic one still goes
        assertThatThrownBy(() -> inThread("RebalanceService", () -> silent.doBeforeRequest(HUNG, heartbeat)))
                .as("a round's heartbeat").isInstanceOf(IllegalStateException.class).hasMessageContaining(HUNG);
        inThread("RebalanceService", () -> silent.doBeforeRequest(OTHER, heartbeat));
        silent.doBeforeRequest(HUNG, heartbeat);

        RemotingCommand pull = RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, null);
        silent.doAfterResponse(HUNG, pull, RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null));
        assertThat(silent.isSilent(HUNG)).as("answered a pull").isFalse();
        silent.doBeforeRequest(HUNG, RemotingCommand.createRequestCommand(RequestCode.LOCK_BATCH_MQ, null));
    }

    /**
     * A route names a broker as it registered (brokerIP1, a host name in many container set-ups); the connection
     * reports the address the name resolved to.
     */
    @Test
    void aBrokerNamedByHostNameIsKnownAsSilentByTheAddressItsConnectionReports() {
        SilentBrokers silent = installed(200);
        silent.doBeforeRequest("127.0.0.1:10951", RemotingCommand.createRequestCommand(RequestCode.HEART_BEAT, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> silent.isSilent("127.0.0.1:10951"));
        assertThat(silent.isSilent("localhost:10951")).as("by host name").isTrue();
        assertThat(silent.isSilent("localhost:10961")).as("another port").isFalse();
        assertThat(silent.isSilent("no-such-host.invalid:10951")).as("a name that does not resolve").isFalse();
    }

    /** Runs the action in a thread of that name, and throws what it threw. */
    private static void inThread(String name, Runnable action) throws Throwable {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        }, name);
        thread.start();
        thread.join(TimeUnit.SECONDS.toMillis(5));
        if (thrown.get() != null) {
            throw thrown.get();
        }
    }

    /** On a client instance of its own, not started. */
    private static SilentBrokers installed(int apiTimeoutMillis) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("g");
        consumer.setInstanceName(TestNames.unique("silent-brokers-test"));
        consumer.setMqClientApiTimeout(apiTimeoutMillis);
        return SilentBrokers.install(MQClientManager.getInstance().getOrCreateMQClientInstance(consumer, null));
    }
}

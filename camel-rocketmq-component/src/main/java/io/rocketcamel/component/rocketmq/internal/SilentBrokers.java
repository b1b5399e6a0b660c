package io.rocketcamel.component.rocketmq.internal;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.impl.FindBrokerResult;
import org.apache.rocketmq.client.impl.consumer.RebalanceService;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.common.RemotingHelper;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;

/**
 * The brokers that do not answer a client, as its heartbeats show them: a heartbeat (the client sends one to every
 * broker every heartbeatBrokerInterval) unanswered for longer than the client's API timeout, and nothing heard from
 * that broker since it went out. A hook on the client's requests, so it costs a comparison per request. Keyed by the
 * address the client's connection reports, the IP; a broker that registered by host name (brokerIP1, as brokers in
 * containers often do) is looked up by the address the name resolves to now, from the JVM's name cache (a name with
 * several addresses may resolve to another than the one connected to: that broker is then asked as before).
 *
 * <p>A rebalance round asks brokers one call after another and waits out each call's timeout on a broker that does not
 * answer: the group's members from one broker drawn at random (3 s), and, ORDERLY, a lock per queue it gains there
 * (1 s each); meanwhile it takes none of the queues it gains on the brokers that answer. A round that changed the
 * consumer's queues also sends a heartbeat to every broker (3 s), before the next topic's turn and before the brokers
 * that answer learn the new subscription version. Those calls to a silent broker fail at once here, as a refused
 * connection would: the client counts the round, or the queue, as failed and rounds again after a second (RocketMQ's
 * own minInterval), and asks such a broker again once it answered a heartbeat.
 */
public final class SilentBrokers implements RPCHook {

    /** RocketMQ's client names the thread its rebalance rounds run in so (ServiceThread). */
    private static final String REBALANCE_THREAD = RebalanceService.class.getSimpleName();

    private final MQClientInstance client;
    private final long silentAfterNanos;
    /** By address, when the oldest heartbeat sent since the broker last answered went out (System.nanoTime()). */
    private final Map<String, Long> unansweredSince = new ConcurrentHashMap<>();

    private SilentBrokers(MQClientInstance client) {
        this.client = client;
        this.silentAfterNanos = TimeUnit.MILLISECONDS.toNanos(client.getClientConfig().getMqClientApiTimeout());
    }

    /** Hears the client instance's requests from now on; silent after its API timeout (mqClientApiTimeout). */
    public static SilentBrokers install(MQClientInstance client) {
        SilentBrokers silent = new SilentBrokers(client);
        client.getMQClientAPIImpl().getRemotingClient().registerRPCHook(silent);
        return silent;
    }

    /**
     * Whether the master of the queue's broker, as the client's routes name it, is silent: an offset store's read of
     * where the group stands there would wait out the timeout, several reads in a row, in the rebalance's thread or
     * the pulls' one thread.
     */
    public boolean isSilentFor(MessageQueue queue) {
        FindBrokerResult broker = client.findBrokerAddressInSubscribe(client.getBrokerNameFromMessageQueue(queue),
                MixAll.MASTER_ID, true);
        return broker != null && isSilent(broker.getBrokerAddr());
    }

    /** @param address a broker's address as its route names it, host:port */
    public boolean isSilent(String address) {
        return !unansweredSince.isEmpty() && (isSilentConnection(address) || isSilentConnection(asConnected(address)));
    }

    private boolean isSilentConnection(String connectedAddress) {
        Long since = unansweredSince.get(connectedAddress);
        return since != null && System.nanoTime() - since > silentAfterNanos;
    }

    /** The address as the client's connection reports it: a host name resolved to its IP, as the client connects. */
    private static String asConnected(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            return address;
        }
        try {
            InetSocketAddress resolved = new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1)));
            return resolved.isUnresolved() ? address : RemotingHelper.parseSocketAddressAddr(resolved);
        } catch (IllegalArgumentException e) {
            return address;
        }
    }

    /**
     * Called before each request the client sends, in the thread that sends it, and before it handles one a broker
     * sent.
     *
     * @throws IllegalStateException for a rebalance's call to a silent broker, which is then not sent
     */
    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        if (isRebalanceCall(request.getCode()) && isSilentConnection(remoteAddr)) {
            throw new IllegalStateException("Broker " + remoteAddr + " has not answered a heartbeat for longer than "
                                            + TimeUnit.NANOSECONDS.toMillis(silentAfterNanos) + " ms: not asked");
        }
        if (request.getCode() == RequestCode.HEART_BEAT) {
            unansweredSince.putIfAbsent(remoteAddr, System.nanoTime());
        }
    }

    /**
     * The calls of a rebalance round that would wait for a silent broker, synchronous and retried: the group's
     * members, the locks, and the heartbeat the round sends to every broker, one after another, when it changed the
     * consumer's queues (RebalancePushImpl.messageQueueChanged; the brokers that answer learn the new subscription
     * from {@link SubscriptionVersionHeartbeat}). The client's periodic heartbeats, from another thread, still go to
     * a silent broker: they tell when it answers again.
     */
    private static boolean isRebalanceCall(int code) {
        return code == RequestCode.GET_CONSUMER_LIST_BY_GROUP || code == RequestCode.LOCK_BATCH_MQ
               || code == RequestCode.HEART_BEAT && Thread.currentThread().getName().equals(REBALANCE_THREAD);
    }

    /** Called on each answer (never for a request that timed out), and after the client handled a broker's request. */
    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        unansweredSince.remove(remoteAddr);
    }
}

package io.rocketcamel.component.rocketmq.internal;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.impl.factory.MQClientInstance;
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
 * (1 s each). Meanwhile it takes none of the queues it gains on the brokers that answer. Those two calls to a silent
 * broker fail at once here, as a refused connection would: the client counts the round, or the queue, as failed and
 * rounds again after a second (RocketMQ's own minInterval), and asks such a broker again once it answered a heartbeat.
 */
public final class SilentBrokers implements RPCHook {

    private final long silentAfterNanos;
    /** By address, when the oldest heartbeat sent since the broker last answered went out (System.nanoTime()). */
    private final Map<String, Long> unansweredSince = new ConcurrentHashMap<>();

    private SilentBrokers(long silentAfterMillis) {
        this.silentAfterNanos = TimeUnit.MILLISECONDS.toNanos(silentAfterMillis);
    }

    /** Hears the client instance's requests from now on; silent after its API timeout (mqClientApiTimeout). */
    public static SilentBrokers install(MQClientInstance client) {
        SilentBrokers silent = new SilentBrokers(client.getClientConfig().getMqClientApiTimeout());
        client.getMQClientAPIImpl().getRemotingClient().registerRPCHook(silent);
        return silent;
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
        if (request.getCode() == RequestCode.HEART_BEAT) {
            unansweredSince.putIfAbsent(remoteAddr, System.nanoTime());
        } else if (isRebalanceCall(request.getCode()) && isSilentConnection(remoteAddr)) {
            throw new IllegalStateException("Broker " + remoteAddr + " has not answered a heartbeat for longer than "
                                            + TimeUnit.NANOSECONDS.toMillis(silentAfterNanos) + " ms: not asked");
        }
    }

    /** The calls of a rebalance round that would wait for a silent broker; both synchronous, both retried. */
    private static boolean isRebalanceCall(int code) {
        return code == RequestCode.GET_CONSUMER_LIST_BY_GROUP || code == RequestCode.LOCK_BATCH_MQ;
    }

    /** Called on each answer (never for a request that timed out), and after the client handled a broker's request. */
    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        unansweredSince.remove(remoteAddr);
    }
}

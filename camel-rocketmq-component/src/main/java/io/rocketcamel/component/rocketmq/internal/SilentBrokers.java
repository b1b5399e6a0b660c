package io.rocketcamel.component.rocketmq.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;

/**
 * The brokers that do not answer a client, as its heartbeats show them: a heartbeat (the client sends one to every
 * broker every few seconds) unanswered for longer than the client's API timeout, and nothing heard from that broker
 * since it went out. A request to such a broker waits out its timeout; a hook on the client's requests, so it costs
 * a comparison per request. Keyed by the address the client's connection reports (a broker whose route names it by
 * host name rather than IP is not recognised, and asked as before).
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

    /** @param address a broker's address, host:port */
    public boolean isSilent(String address) {
        Long since = unansweredSince.get(address);
        return since != null && System.nanoTime() - since > silentAfterNanos;
    }

    /** Called before each request the client sends, and before it handles one a broker sent. */
    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        if (request.getCode() == RequestCode.HEART_BEAT) {
            unansweredSince.putIfAbsent(remoteAddr, System.nanoTime());
        }
    }

    /** Called on each answer (never for a request that timed out), and after the client handled a broker's request. */
    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        unansweredSince.remove(remoteAddr);
    }
}

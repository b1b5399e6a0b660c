package io.rocketcamel.component.rocketmq.internal;

import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/**
 * Watches the answers a client gets to the calls it makes anyway, without sending anything of its own: when a name
 * server last answered a route look-up (every pollNameServerInterval) and when a broker last answered a heartbeat
 * (every heartbeatBrokerInterval). A heartbeat the broker refused (an error code, such as a wrong signature) is no
 * answer: the client then pulls nothing. The health checks read it; it also signs requests when ACL is on.
 */
public final class ClientActivity implements RPCHook {

    private final RPCHook signer;
    private final long createdMillis = System.currentTimeMillis();
    private volatile long lastNameServerAnswer;
    private volatile long lastBrokerAnswer;
    private volatile String lastBrokerRefusal;

    /** @param signer the ACL hook, or {@code null} */
    public ClientActivity(RPCHook signer) {
        this.signer = signer;
    }

    @Override
    public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
        if (signer != null) {
            signer.doBeforeRequest(remoteAddr, request);
        }
    }

    @Override
    public void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response) {
        if (signer != null) {
            signer.doAfterResponse(remoteAddr, request, response);
        }
        if (response == null) {
            return;
        }
        switch (request.getCode()) {
            case RequestCode.GET_ROUTEINFO_BY_TOPIC -> lastNameServerAnswer = System.currentTimeMillis();
            case RequestCode.HEART_BEAT -> {
                if (response.getCode() == ResponseCode.SUCCESS) {
                    lastBrokerAnswer = System.currentTimeMillis();
                } else {
                    lastBrokerRefusal = "CODE " + response.getCode() + ": " + response.getRemark();
                }
            }
            default -> {
                // other calls say nothing the periodic ones do not
            }
        }
    }

    /** Milliseconds since a name server last answered, or since the client was created when none has. */
    public long millisSinceNameServerAnswer() {
        return System.currentTimeMillis() - Math.max(lastNameServerAnswer, createdMillis);
    }

    /** Milliseconds since a broker last answered a heartbeat, or since the client was created when none has. */
    public long millisSinceBrokerAnswer() {
        return System.currentTimeMillis() - Math.max(lastBrokerAnswer, createdMillis);
    }

    /** The broker's error for the last heartbeat it refused, or {@code null} when none was refused. */
    public String lastBrokerRefusal() {
        return lastBrokerRefusal;
    }

    public boolean brokerEverAnswered() {
        return lastBrokerAnswer > 0;
    }
}

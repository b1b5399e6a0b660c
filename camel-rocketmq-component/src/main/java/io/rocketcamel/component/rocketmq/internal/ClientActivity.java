package io.rocketcamel.component.rocketmq.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.RequestCode;
import org.apache.rocketmq.remoting.protocol.ResponseCode;

/**
 * Watches the answers a client gets to the calls it makes anyway, without sending anything of its own: when a name
 * server last answered a route look-up (every pollNameServerInterval) and when a broker last answered a heartbeat
 * (every heartbeatBrokerInterval). A heartbeat the broker refused (an error code, such as a wrong signature) is no
 * answer: the client then pulls nothing. A broker may also answer heartbeats and still give the client nothing to
 * consume: for a subscription group it does not have (autoCreateSubscriptionGroup=false) it ignores the heartbeat's
 * group, lists no consumer of it, so the rebalance assigns no queue, and refuses pulls; it refuses pulls without the
 * permission too. The client retries and consumes nothing there until an administrator acts: those refusals are kept
 * by broker. Which topics the name servers said do not exist, as they answer the client's route look-ups. The health
 * checks read it; it also signs requests when ACL is on.
 */
public final class ClientActivity implements RPCHook {

    private final RPCHook signer;
    private final long createdMillis = System.currentTimeMillis();
    private volatile long lastNameServerAnswer;
    private volatile long lastBrokerAnswer;
    private volatile String lastBrokerRefusal;
    private final RepeatedRefusals pullRefusals = new RepeatedRefusals();
    private final RepeatedRefusals memberListRefusals = new RepeatedRefusals();
    /** Whether the name servers' last answer for a topic (as the client names it) held a route; as many as it asks. */
    private final Map<String, Boolean> routeAnswers = new ConcurrentHashMap<>();

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
            case RequestCode.GET_ROUTEINFO_BY_TOPIC -> {
                lastNameServerAnswer = System.currentTimeMillis();
                String topic = request.getExtFields() == null ? null : request.getExtFields().get("topic");
                if (topic != null) {
                    routeAnswers.put(topic, response.getCode() != ResponseCode.TOPIC_NOT_EXIST);
                }
            }
            case RequestCode.HEART_BEAT -> {
                if (response.getCode() == ResponseCode.SUCCESS) {
                    lastBrokerAnswer = System.currentTimeMillis();
                } else {
                    lastBrokerRefusal = "CODE " + response.getCode() + ": " + response.getRemark();
                }
            }
            case RequestCode.PULL_MESSAGE, RequestCode.POP_MESSAGE -> {
                if (response.getCode() == ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST
                    || response.getCode() == ResponseCode.NO_PERMISSION) {
                    pullRefusals.refused(String.valueOf(remoteAddr), response);
                } else {
                    pullRefusals.answered(String.valueOf(remoteAddr));
                }
            }
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> {
                if (response.getCode() == ResponseCode.SUCCESS) {
                    memberListRefusals.answered(String.valueOf(remoteAddr));
                } else {
                    memberListRefusals.refused(String.valueOf(remoteAddr), response);
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

    /** The brokers that refused the client's last pulls (no such group, no permission), with the last refusal. */
    public Map<String, String> pullRefusals() {
        return pullRefusals.repeated();
    }

    /** The brokers that listed no consumer of the group at the client's last rebalances, with their answer. */
    public Map<String, String> memberListRefusals() {
        return memberListRefusals.repeated();
    }

    /**
     * Whether the name servers' last answer to the client's look-up of {@code topic} (with its namespace) said the
     * topic does not exist; {@code false} also before they answered.
     */
    public boolean topicNotFound(String topic) {
        return Boolean.FALSE.equals(routeAnswers.get(topic));
    }

    public boolean brokerEverAnswered() {
        return lastBrokerAnswer > 0;
    }
}

package io.rocketcamel.broker;

import java.net.BindException;

/**
 * Turns RocketMQ's generic "Failed to bind" into an error that says which server, address and port, and why: a port
 * in use, or a host that is no address of this machine.
 */
final class PortInUse {

    private PortInUse() {
    }

    static EmbeddedBrokerException translate(String server, String host, int port, Exception failure) {
        return translate(server, host, port, "", failure);
    }

    /**
     * A broker's start: it listens on brokerPort, its fast port (brokerPort-2) and its HA port (brokerPort+1), and
     * RocketMQ's failure does not say which one was taken; the error named brokerPort, free when another one was not.
     */
    static EmbeddedBrokerException translateBroker(String name, String host, int port, Exception failure) {
        String others = port == 0 ? ""
                : ", its fast port " + (port - 2) + " (brokerPort-2) or its HA port " + (port + 1) + " (brokerPort+1)";
        return translate("Broker " + name, host, port, others, failure);
    }

    private static EmbeddedBrokerException translate(String server, String host, int port, String others,
                                                     Exception failure) {
        boolean bindFailed = false;
        String reason = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            // "Address already in use" is the OS's text for EADDRINUSE (JDK and Netty's native transport alike);
            // other bind failures, such as "Cannot assign requested address", are no port conflict
            if (message.contains("Address already in use")) {
                String which = others.isEmpty()
                        ? ": the port is already in use; choose another port, or 0 for a free one"
                        : ": one of them is already in use; choose another brokerPort, or 0 for free ports";
                return new EmbeddedBrokerException(server + " cannot listen on " + host + ":" + port + others + which,
                        failure);
            }
            bindFailed |= t instanceof BindException || message.contains("Failed to bind");
            // the root cause says why (Netty's native transport throws no BindException)
            reason = message;
        }
        if (bindFailed) {
            return new EmbeddedBrokerException(server + " cannot listen on " + host + ":" + port + ": " + reason
                    + "; is " + host + " an address of this machine? (host, default 127.0.0.1)", failure);
        }
        return new EmbeddedBrokerException(server + " failed to start: " + failure, failure);
    }
}

package io.rocketcamel.broker;

import java.net.BindException;

/** Turns RocketMQ's generic "Failed to bind" into an error that says which server, address and port. */
final class PortInUse {

    private PortInUse() {
    }

    static EmbeddedBrokerException translate(String server, String host, int port, Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Failed to bind")) {
                return new EmbeddedBrokerException(server + " cannot listen on " + host + ":" + port
                        + ": the port is already in use; choose another port, or 0 for a free one", failure);
            }
        }
        return new EmbeddedBrokerException(server + " failed to start: " + failure, failure);
    }
}

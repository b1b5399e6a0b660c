package io.rocketcamel.broker;

/**
 * Raised when the embedded name server or broker cannot be configured or started; the message names the cause
 * (which option, which value, which port or path) so that it can be fixed without reading RocketMQ's logs.
 */
public class EmbeddedBrokerException extends RuntimeException {

    public EmbeddedBrokerException(String message) {
        super(message);
    }

    public EmbeddedBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}

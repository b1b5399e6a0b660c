package io.rocketcamel.component.rocketmq;

/**
 * Where the cluster runs, which decides how the client signs and traces its calls.
 */
public enum AccessChannel {
    /** A self-managed cluster (the default). */
    LOCAL(org.apache.rocketmq.client.AccessChannel.LOCAL),
    /** A cloud vendor's RocketMQ service: message traces go to the service's own trace topic. */
    CLOUD(org.apache.rocketmq.client.AccessChannel.CLOUD);

    private final org.apache.rocketmq.client.AccessChannel clientValue;

    AccessChannel(org.apache.rocketmq.client.AccessChannel clientValue) {
        this.clientValue = clientValue;
    }

    /** The RocketMQ client's value. */
    public org.apache.rocketmq.client.AccessChannel clientValue() {
        return clientValue;
    }
}

package io.rocketcamel.component.rocketmq.internal;

import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.remoting.RPCHook;

/**
 * The official producer without the client's automatic batching (RIP-27), which the component never turns on: the
 * 5.5.0 client gives every producer it starts a batch accumulator whose two threads wake every 5 ms for as long as the
 * producer lives, sending or not. Without an accumulator the client sends exactly as with autoBatch off
 * ({@link DefaultMQProducer#getAutoBatch()} answers false).
 */
public final class UnbatchedProducer extends DefaultMQProducer {

    public UnbatchedProducer(String group, RPCHook hook) {
        super(group, hook);
    }

    @Override
    public void initProduceAccumulator() {
        // no accumulator, so no threads for it
    }
}

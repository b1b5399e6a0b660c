package io.rocketcamel.component.rocketmq.internal;

import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.remoting.RPCHook;

/** The transactional producer without the client's automatic batching threads, as {@link UnbatchedProducer}. */
public final class UnbatchedTransactionProducer extends TransactionMQProducer {

    public UnbatchedTransactionProducer(String group, RPCHook hook) {
        super(group, hook);
    }

    @Override
    public void initProduceAccumulator() {
        // no accumulator, so no threads for it
    }
}

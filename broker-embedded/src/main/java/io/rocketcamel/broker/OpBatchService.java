package io.rocketcamel.broker;

import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.broker.transaction.queue.TransactionalMessageServiceImpl;
import org.apache.rocketmq.common.ServiceThread;

/**
 * Writes the op messages (commit and rollback markers) of ended transactions in batches, as RocketMQ's
 * TransactionalOpBatchService does, but waits the batch interval when there is nothing to write instead of waking
 * itself at once. The transaction service still wakes it early when a batch is full; the broker stops it on shutdown.
 */
final class OpBatchService extends ServiceThread {

    private final BrokerController controller;
    private final TransactionalMessageServiceImpl transactions;

    OpBatchService(BrokerController controller, TransactionalMessageServiceImpl transactions) {
        this.controller = controller;
        this.transactions = transactions;
    }

    @Override
    public String getServiceName() {
        return "TransactionalOpBatchService";
    }

    @Override
    public void run() {
        while (!isStopped()) {
            // the next time a queue's batch is due, or 0 when none is waiting (RocketMQ's own service spins on 0)
            long due = transactions.batchSendOpMessage() - System.currentTimeMillis();
            waitForRunning(due > 0 ? due : controller.getBrokerConfig().getTransactionOpBatchInterval());
        }
    }
}

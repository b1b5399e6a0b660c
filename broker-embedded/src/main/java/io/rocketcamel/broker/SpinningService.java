package io.rocketcamel.broker;

import java.lang.reflect.Field;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.broker.transaction.queue.TransactionalMessageServiceImpl;
import org.apache.rocketmq.common.ServiceThread;

/**
 * Two RocketMQ 5.5 services spin a whole core while a broker sits idle; the embedded broker mends both. The
 * controller and the transaction service have no setters for them, hence the fields; a RocketMQ without the fields is
 * left as it is.
 * <ul>
 * <li>TransactionMetricsFlushService only waits once its flush interval (10 s) has passed, so after every broker start
 * it spins for 10 s (apache/rocketmq#10515, fixed after 5.5.0; measured by {@code IdleBrokerIT}). It is stopped; the
 * transaction metrics it would flush are persisted when the broker stops ({@link FastShutdown}).</li>
 * <li>TransactionalOpBatchService, which writes the commit and rollback markers of ended transactions in batches, is
 * told to wake up "now" whenever a queue it has seen has nothing to write, so once one transaction was ended and the
 * batch interval has passed it spins for good (measured at 77 % of a core by {@code IdleBrokerIT}). It is replaced by
 * {@link OpBatchService}, which waits the batch interval instead.</li>
 * </ul>
 */
final class SpinningService {

    private static final System.Logger LOG = System.getLogger(SpinningService.class.getName());

    private SpinningService() {
    }

    static void stop(BrokerController controller) {
        try {
            Field field = BrokerController.class.getDeclaredField("transactionMetricsFlushService");
            field.setAccessible(true);
            if (field.get(controller) instanceof ServiceThread service) {
                service.shutdown();
            }
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "TransactionMetricsFlushService left running: " + e);
        }
        if (controller.getTransactionalMessageService() instanceof TransactionalMessageServiceImpl transactions) {
            replaceOpBatchService(controller, transactions);
        }
    }

    private static void replaceOpBatchService(BrokerController controller, TransactionalMessageServiceImpl transactions) {
        try {
            Field field = TransactionalMessageServiceImpl.class.getDeclaredField("transactionalOpBatchService");
            field.setAccessible(true);
            if (field.get(transactions) instanceof ServiceThread spinning) {
                OpBatchService replacement = new OpBatchService(controller, transactions);
                field.set(transactions, replacement);
                spinning.shutdown();
                replacement.start();
            }
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "TransactionalOpBatchService left as it is: " + e);
        }
    }
}

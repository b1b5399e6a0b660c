package io.rocketcamel.broker;

import java.lang.reflect.Field;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.ServiceThread;

/**
 * RocketMQ 5.5's TransactionMetricsFlushService only waits once its flush interval (10 s) has passed, so after every
 * broker start it spins a whole core for 10 s (apache/rocketmq#10515, fixed after 5.5.0; measured here by
 * {@code IdleBrokerIT}). The embedded broker stops it; the transaction metrics it would flush are persisted when the
 * broker stops ({@link FastShutdown}). The controller has no getter for it, hence the field; a RocketMQ without the
 * field is left as it is.
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
    }
}

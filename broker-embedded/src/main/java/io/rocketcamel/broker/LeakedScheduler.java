package io.rocketcamel.broker;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import org.apache.rocketmq.remoting.RemotingServer;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.rocksdb.MessageRocksDBStorage;

/**
 * RocketMQ 5.5.0's {@code MessageRocksDBStorage} flushes its timer WAL every 5 minutes on a scheduler of its own whose
 * one thread is not a daemon, and its shutdown leaves that scheduler running (apache/rocketmq#11013, unfixed in 5.5.0).
 * So every broker started leaves a thread behind, and a JVM whose main method returns after closing the broker never
 * exits (measured by {@code TemporaryStoreIT}). Stopping it when the broker stops loses nothing: RocksDB flushes on
 * close. Each remoting server (a broker's two, a name server's) leaves its scheduler running too, a daemon thread that
 * keeps logging the server's request counts and the server with it: 3 threads per closed broker (seen by an outside
 * audit; {@code ClosedBrokerIT}). A RocketMQ without the fields is left as it is.
 */
final class LeakedScheduler {

    private static final System.Logger LOG = System.getLogger(LeakedScheduler.class.getName());

    private LeakedScheduler() {
    }

    static void stop(BrokerController controller) {
        if (!(controller.getMessageStore() instanceof DefaultMessageStore store)
                || store.getMessageRocksDBStorage() == null) {
            return;
        }
        try {
            Field field = MessageRocksDBStorage.class.getDeclaredField("scheduler");
            field.setAccessible(true);
            if (field.get(store.getMessageRocksDBStorage()) instanceof ExecutorService scheduler) {
                scheduler.shutdownNow();
            }
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "MessageRocksDBStorage's scheduler left running: " + e);
        }
    }

    /** Stops the scheduler RocketMQ 5.5.0's NettyRemotingServer.shutdown() leaves running. */
    static void stop(RemotingServer server) {
        for (Class<?> type = server.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField("scheduledExecutorService");
                field.setAccessible(true);
                if (field.get(server) instanceof ExecutorService scheduler) {
                    scheduler.shutdownNow();
                }
                return;
            } catch (NoSuchFieldException e) {
                // a superclass may hold it
            } catch (IllegalAccessException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "The remoting server's scheduler left running: " + e);
                return;
            }
        }
    }
}

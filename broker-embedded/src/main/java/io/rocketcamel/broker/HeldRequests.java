package io.rocketcamel.broker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.LockSupport;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.constant.PermName;

/**
 * Answers the pulls and pops a stopping broker holds for long polling while their connections are still open.
 * RocketMQ's shutdown closes the connections first and answers held requests afterwards (a pull when its suspension
 * times out, every pop at once): the consumer then hears only that its connection closed, and an answer written after
 * the connection's event loop has terminated makes Netty log an ERROR with a stack trace in the application's log.
 *
 * <p>The broker first refuses new reads, as an operator wipes a broker's read permission before taking it down, so no
 * request is held again once the held ones are answered; each is answered with that refusal, after which a consumer
 * pulls again from wherever its topic's queues are.
 */
final class HeldRequests {

    private static final long ANSWER_TIMEOUT_NANOS = 2_000_000_000L;
    private static final long POLL_NANOS = 1_000_000L;

    private HeldRequests() {
    }

    static void answer(BrokerController controller) {
        BrokerConfig config = controller.getBrokerConfig();
        config.setBrokerPermission(config.getBrokerPermission() & ~PermName.PERM_READ);
        // Stopping the pop polling service wakes every held pop, and makes it hold no new one.
        controller.getPopMessageProcessor().getPopLongPollingService().shutdown();
        controller.getPullRequestHoldService().notifyMasterOnline(); // despite its name: wakes every held pull
        awaitAnswers(controller.getPullMessageExecutor());
    }

    /** Both wake-ups answer on the pull executor; its connections close soon after this returns. */
    private static void awaitAnswers(ExecutorService executor) {
        if (!(executor instanceof ThreadPoolExecutor pool)) {
            return;
        }
        long deadline = System.nanoTime() + ANSWER_TIMEOUT_NANOS;
        while ((pool.getActiveCount() > 0 || !pool.getQueue().isEmpty()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}

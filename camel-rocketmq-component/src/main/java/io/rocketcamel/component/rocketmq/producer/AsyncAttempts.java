package io.rocketcamel.component.rocketmq.producer;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.producer.TopicPublishInfo;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.exception.RemotingTooMuchRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous sends the client picks the queue for, attempted as the client attempts a synchronous one: at most
 * retryTimesWhenSendFailed + 1 times within sendTimeout since the first, each attempt but the last given up after the
 * client's sendMsgMaxTimeoutPerRequest (sendAttemptTimeout), a retry on another broker than the attempt before.
 * The client gives an asynchronous send one timeout for all its tries, and fails a request without an answer only when
 * it scans its requests (once a second, a second past the timeout): a send that picked a broker that hangs failed with
 * no time left for another. Here a sweep every {@link #SWEEP_MILLIS} ms gives up the attempts past their bound; one
 * given up may still be stored by its broker later, a duplicate with the same message id, as after any send that
 * timed out.
 */
final class AsyncAttempts {

    private static final long SWEEP_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(AsyncAttempts.class);

    private final DefaultMQProducer client;
    private final SendRetries retries;
    /** The attempts that may be given up (not a send's last), in the order they started. */
    private final Queue<Attempt> bounded = new ConcurrentLinkedQueue<>();
    /** Whether a sweep gives attempts up: the producer has a timer. */
    private final boolean sweeping;

    /**
     * @param timer the producer's timer, or null when it sends nothing asynchronously: attempts are then bounded by
     *              the client alone
     */
    AsyncAttempts(DefaultMQProducer client, SendRetries retries, ScheduledExecutorService timer) {
        this.client = client;
        this.retries = retries;
        this.sweeping = timer != null;
        if (sweeping) {
            // ends with the timer, which the producer shuts down once its sends on their way were answered
            timer.scheduleWithFixedDelay(this::giveUpLateAttempts, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void send(Message message, SendCallback callback) throws Exception {
        Send send = new Send(message, callback);
        Attempt first;
        synchronized (send) {
            first = send.nextAttempt();
        }
        try {
            first.start();
        } catch (Exception e) {
            send.abandon();
            throw e;
        }
    }

    private void giveUpLateAttempts() {
        long now = System.nanoTime();
        for (Iterator<Attempt> it = bounded.iterator(); it.hasNext();) {
            Attempt attempt = it.next();
            if (attempt.answered) {
                it.remove();
            } else if (now - attempt.giveUpAt >= 0) {
                it.remove();
                try {
                    attempt.giveUp();
                } catch (RuntimeException e) {
                    // thrown by a caller's callback: the sweep must go on, or no later attempt would be given up
                    LOG.warn("A send's callback failed after its attempt was given up", e);
                }
            }
        }
    }

    /** One message's send: its attempts, one at a time, and the caller's callback, called once. */
    private final class Send {

        private final Message message;
        private final SendCallback callback;
        private final long deadline;
        /** Guarded by this. */
        private int attempts;
        /** Guarded by this. The broker of the attempt before; null when the client picked the queue. */
        private String lastBroker;
        /** Guarded by this. */
        private boolean done;

        Send(Message message, SendCallback callback) {
            this.message = message;
            this.callback = callback;
            this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(client.getSendMsgTimeout());
        }

        /** The next attempt, not started; the caller holds this. */
        private Attempt nextAttempt() {
            long timeout = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            long perAttempt = client.getSendMsgMaxTimeoutPerRequest();
            boolean bound = sweeping && perAttempt > 0 && attempts < client.getRetryTimesWhenSendFailed()
                            && timeout > perAttempt;
            MessageQueue queue = nextQueue();
            attempts++;
            lastBroker = queue == null ? null : queue.getBrokerName();
            return new Attempt(this, attempts, queue, timeout,
                    bound ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(perAttempt) : 0);
        }

        synchronized void abandon() {
            done = true;
        }

        /** The queue the client's own send would pick now, leaving out the last attempt's broker where it can. */
        private MessageQueue nextQueue() {
            // the client's send applies the namespace in place; its route table is keyed by the namespaced topic
            message.setTopic(client.withNamespace(message.getTopic()));
            TopicPublishInfo route = client.getDefaultMQProducerImpl().getTopicPublishInfoTable()
                    .get(message.getTopic());
            if (route == null || !route.ok()) {
                return null;
            }
            return client.getDefaultMQProducerImpl().selectOneMessageQueue(route, lastBroker, lastBroker != null);
        }

        void succeeded(SendResult result) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            callback.onSuccess(result);
        }

        /** An attempt failed or was given up: the next one, while attempts and time are left, else the failure. */
        void failed(Attempt attempt, Throwable failure) {
            Attempt next;
            synchronized (this) {
                if (done || attempt.number != attempts) {
                    return;
                }
                if (failure instanceof Exception e && retries.retriedBySyncSend(e) && !tooManyRequests(e)
                    && attempts <= client.getRetryTimesWhenSendFailed() && deadline - System.nanoTime() > 0) {
                    next = nextAttempt();
                } else {
                    done = true;
                    next = null;
                }
            }
            if (next == null) {
                callback.onException(failure);
                return;
            }
            try {
                next.start();
            } catch (Exception e) {
                failed(next, e);
            }
        }
    }

    /** One attempt of a send: the client's callback for it. */
    private final class Attempt implements SendCallback {

        private final Send send;
        private final int number;
        /** null: the client picks the queue (it knows no route of the topic yet). */
        private final MessageQueue queue;
        private final long timeoutMillis;
        /** System.nanoTime() after which the attempt is given up; 0: never here, the client times it out. */
        private final long giveUpAt;
        private volatile boolean answered;

        Attempt(Send send, int number, MessageQueue queue, long timeoutMillis, long giveUpAt) {
            this.send = send;
            this.number = number;
            this.queue = queue;
            this.timeoutMillis = timeoutMillis;
            this.giveUpAt = giveUpAt;
        }

        void start() throws Exception {
            if (giveUpAt != 0) {
                bounded.add(this);
            }
            if (queue == null) {
                client.send(send.message, this, timeoutMillis);
            } else {
                client.send(send.message, queue, this, timeoutMillis);
            }
        }

        @Override
        public void onSuccess(SendResult result) {
            answered = true;
            // an attempt given up that was stored after all completes the send as well as the retry would
            send.succeeded(result);
        }

        @Override
        public void onException(Throwable failure) {
            answered = true;
            send.failed(this, failure);
        }

        void giveUp() {
            long waitedMillis = client.getSendMsgMaxTimeoutPerRequest();
            String broker = queue == null ? null : queue.getBrokerName();
            if (broker != null) {
                // as the client does for a synchronous attempt that timed out: with sendLatencyFaultEnable the
                // broker is left out from now on, not only once the client fails the request a second or two later
                client.getDefaultMQProducerImpl().updateFaultItem(broker, waitedMillis, true, true);
            }
            send.failed(this, new MQClientException("No answer from " + (broker == null ? "the broker" : broker)
                    + " within sendAttemptTimeout (" + waitedMillis + " ms)", null));
        }
    }

    /** The client's limit on asynchronous sends on their way: another broker would not take this one sooner. */
    private static boolean tooManyRequests(Exception failure) {
        return failure instanceof RemotingTooMuchRequestException
               || failure.getCause() instanceof RemotingTooMuchRequestException;
    }
}

package io.rocketcamel.component.rocketmq.consumer;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.internal.DelayLevels;
import io.rocketcamel.component.rocketmq.internal.ExchangeFailure;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.RollbackExchangeException;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the route for consumed messages and says whether they may be acknowledged: only when the exchange completed
 * without exception and was not marked rollback-only, or, with manualAck, once the route decided so. Answers requests
 * (RIP-16) once the route succeeded; a request whose route acknowledged it and then failed gets no answer.
 */
final class RouteRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRunner.class);
    /** How often messages held while suspended are marked as not started yet: well within consumeTimeout (1 min+). */
    private static final long HELD_RESTAMP_MILLIS = 10_000;

    /**
     * manualAck: how long the consume thread waits for the route's decision once the exchange completed, and the
     * longest delay the listener can honour ({@code null}: any).
     */
    record ManualAck(long timeoutMillis, Acknowledgement.DelayLimit retryDelayLimit) {
    }

    private final RocketMQConsumer consumer;
    private final ExchangeFiller filler;
    private final ReplySender replies;
    private final boolean batches;
    private final int retryDelayLevel;
    private final int highestRetryDelayLevel;
    private final ManualAck manualAck;
    private final boolean transferException;
    private final Set<Acknowledgement> undecided = ConcurrentHashMap.newKeySet();
    /** Ids of the messages handed back since the stop (a copy keeps its original's id). */
    private final Set<String> handedBack = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    /** Read without the gate's lock for every message: the consume threads would otherwise queue on it. */
    private volatile boolean suspended;
    /** Runs entered and not yet returned, those waiting for a resume included; notified on the gate at 0. */
    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile boolean stopped;

    /**
     * @param retryDelayLevel        the endpoint's delay level for redeliveries (the route's header overrides it)
     * @param highestRetryDelayLevel the highest level the route's header may choose
     * @param manualAck              {@code null} unless the route decides the acknowledgement itself
     * @param transferException      a failed request is answered with its failure and acknowledged
     */
    RouteRunner(RocketMQConsumer consumer, ExchangeFiller filler, ReplySender replies, boolean batches,
                int retryDelayLevel, int highestRetryDelayLevel, ManualAck manualAck, boolean transferException) {
        this.consumer = consumer;
        this.transferException = transferException;
        this.filler = filler;
        this.replies = replies;
        this.batches = batches;
        this.retryDelayLevel = retryDelayLevel;
        this.highestRetryDelayLevel = highestRetryDelayLevel;
        this.manualAck = manualAck;
    }

    /**
     * Runs the route for the messages, unless the consumer is stopping and they were popped (POP), or this consumer
     * handed them back already: those are refused without running the route and handed back (again) to the group (see
     * {@link ExchangeOutcome#handedBack()}). A popped message's client is closing; a message handed back is the group's
     * next consumer's, but this one still takes it while it stops: from its own pull of the group's retry topic that
     * the broker was holding (a copy), or from its queue after the suspension (ORDERLY).
     */
    ExchangeOutcome run(List<MessageExt> messages) {
        return run(messages, null, Holding.KEPT);
    }

    /**
     * @param queue   the queue the messages came from
     * @param holding asked, only when the messages waited for a resume, whether they are still this consumer's: those
     *                that are not do not run ({@link ExchangeOutcome#LAPSED})
     */
    ExchangeOutcome run(List<MessageExt> messages, MessageQueue queue, Holding holding) {
        // counted before the stop is read: a stop that follows sees the run in progress
        inProgress.incrementAndGet();
        try {
            ExchangeOutcome outcome;
            if (refused(messages)) {
                LOG.debug("Consumer stopping: {} message(s) of {} are not run and go back to the group",
                        messages.size(), messages.get(0).getTopic());
                outcome = ExchangeOutcome.REFUSED;
            } else {
                outcome = afterHolding(messages, queue, holding);
                if (outcome == null) {
                    outcome = expiredRequest(messages) ? ExchangeOutcome.SUCCEEDED : runRoute(messages);
                }
            }
            if (outcome.handedBack() && stopped) {
                messages.forEach(message -> handedBack.add(message.getMsgId()));
            }
            return outcome;
        } finally {
            // An interrupt the route left (code that waited, was interrupted and gave up) is the route's: this thread is
            // the client's, and what runs next on it waits interruptibly: a retry's pause, a dead letter's send (a SYNC
            // rocketmq: deadLetterUri failed at once and fell back to %DLQ%), the client's own process-queue locks.
            Thread.interrupted();
            if (inProgress.decrementAndGet() == 0 && stopped) {
                synchronized (gate) {
                    gate.notifyAll();
                }
            }
        }
    }

    /**
     * A request whose requester gave up (a redelivery after a failure, a backlog) is not run, as a JMS broker drops an
     * expired request: run, it did the work a second time for a caller told it timed out, and replied to no one. It is
     * acknowledged. Requests in a batch run with the batch.
     */
    private boolean expiredRequest(List<MessageExt> messages) {
        if (batches) {
            return false;
        }
        MessageExt request = messages.get(0);
        long late = ReplySender.pastRequestTimeout(request, System.currentTimeMillis());
        if (late <= 0) {
            return false;
        }
        LOG.warn("Request {} of topic {} (attempt {}) is not run: its requester gave up {} ms ago (requestTimeout={} ms"
                 + " from {}); it is acknowledged", request.getMsgId(), request.getTopic(),
                request.getReconsumeTimes() + 1, late, request.getProperty(MessageConst.PROPERTY_MESSAGE_TTL),
                Instant.ofEpochMilli(request.getBornTimestamp()));
        return true;
    }

    /**
     * @return why held messages do not run (they waited for a resume that did not come in time, or are no longer this
     *         consumer's), or {@code null}: they were not held, or are still this consumer's to run
     */
    private ExchangeOutcome afterHolding(List<MessageExt> messages, MessageQueue queue, Holding holding) {
        long keptUntil = holding.keptUntil(messages);
        if (!awaitResumed(messages, keptUntil)) {
            return null;
        }
        // still suspended once they may wait no longer (an interrupted wait goes on as a resumed one)
        if (suspended && System.currentTimeMillis() >= keptUntil) {
            LOG.info("{} message(s) of {} waited for the route's resume until their pop was about to lapse: they go"
                     + " back to the group unrun, without an attempt counted", messages.size(),
                    messages.get(0).getTopic());
            return ExchangeOutcome.HELD_UNTIL_POP_LAPSES;
        }
        String lost = holding.lostBecause(messages, queue);
        if (lost == null) {
            return null;
        }
        LOG.info("{} message(s) of {} waited for the route's resume and are not run here: {}", messages.size(),
                messages.get(0).getTopic(), lost);
        return ExchangeOutcome.LAPSED;
    }

    private boolean refused(List<MessageExt> messages) {
        return stopped && (popped(messages.get(0))
                           || messages.stream().map(MessageExt::getMsgId).anyMatch(handedBack::contains));
    }

    private static boolean popped(MessageExt message) {
        return message.getProperty(MessageConst.PROPERTY_POP_CK) != null;
    }

    private ExchangeOutcome runRoute(List<MessageExt> messages) {
        Exchange exchange = consumer.createExchange(false);
        Acknowledgement acknowledgement = manualAck == null ? null : new Acknowledgement(manualAck.retryDelayLimit());
        try {
            MessageExt first = messages.get(0);
            boolean request = !batches && ReplySender.isRequest(first);
            if (batches) {
                filler.fillBatch(exchange, messages);
            } else {
                filler.fillOne(exchange, first);
            }
            if (request) {
                exchange.setPattern(ExchangePattern.InOut);
            }
            if (acknowledgement != null) {
                exchange.getIn().setHeader(RocketMQConstants.ACKNOWLEDGEMENT, acknowledgement);
            }
            consumer.getProcessor().process(exchange);
            ExchangeOutcome outcome = acknowledgement == null ? outcomeOf(exchange) : decided(exchange, acknowledgement);
            if (!outcome.succeeded() && request && transferException && !outcome.handedBack()) {
                replyFailure(first, exchange, outcome.failure());
                return ExchangeOutcome.SUCCEEDED;
            }
            if (!outcome.succeeded()) {
                LOG.debug("Exchange {} failed, {} message(s) of {} are not acknowledged", exchange.getExchangeId(),
                        messages.size(), first.getTopic());
                return outcome;
            }
            // manualAck: a route that acknowledged and then failed left no answer, only what it had when it failed
            boolean answered = ExchangeFailure.of(exchange) == null;
            if (request && answered) {
                reply(first, exchange, exchange.getMessage());
            } else if (request) {
                LOG.warn("Exchange {} failed after its route acknowledged the request from {}: no reply is sent, the"
                         + " requester times out", exchange.getExchangeId(), first.getTopic());
            } else if (batches && answered) {
                replyToRequestsIn(messages, exchange);
            }
            return ExchangeOutcome.SUCCEEDED;
        } catch (Throwable e) {
            // an Error that Camel let through is a failed exchange too: left to the client, a broadcast message was
            // dropped without a retry and its queue's stored offset held at it until the next start
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            consumer.getExceptionHandler().handleException("Cannot consume from " + messages.get(0).getTopic(), exchange, e);
            return cutShortByTheStop(e) ? ExchangeOutcome.CUT_SHORT_BY_STOP : new ExchangeOutcome(e);
        } finally {
            if (acknowledgement != null) {
                acknowledgement.giveUp();
            }
            consumer.releaseExchange(exchange, false);
        }
    }

    private ExchangeOutcome outcomeOf(Exchange exchange) {
        Throwable failure = ExchangeFailure.of(exchange);
        if (failure == null) {
            return ExchangeOutcome.SUCCEEDED;
        }
        return cutShortByTheStop(failure) ? ExchangeOutcome.CUT_SHORT_BY_STOP
                : new ExchangeOutcome(failure, null, retryDelayLevel(exchange));
    }

    /**
     * Whether the consumer's stop failed the exchange, not the route: past Camel's shutdown timeout its forced stop
     * refuses an exchange's next step (RejectedExecutionException), and the client's shutdown interrupts a consume
     * thread still busy past its grace.
     */
    private boolean cutShortByTheStop(Throwable failure) {
        if (!stopped && !consumer.getEndpoint().getCamelContext().getShutdownStrategy().isForceShutdown()) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RejectedExecutionException || cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * manualAck: a decision the route took counts whatever the exchange's outcome; without one a failed exchange is
     * redelivered at once, and a completed one waits for the decision up to the timeout, then is redelivered. A stop
     * ends the wait: the route did not fail the message, so it is handed back, not redelivered as a failed attempt (on
     * its last attempt that dead-lettered it).
     */
    private ExchangeOutcome decided(Exchange exchange, Acknowledgement acknowledgement) throws InterruptedException {
        Throwable failure = ExchangeFailure.of(exchange);
        Acknowledgement.Decision decision;
        undecided.add(acknowledgement);
        try {
            // a wait that begins after the stop ended the others ends as they did (the stop flag is set before they are
            // ended, and this one was added before the flag is read: one side sees the other)
            if (stopped) {
                acknowledgement.stop();
            }
            decision = acknowledgement.await(failure == null ? manualAck.timeoutMillis() : 0);
        } finally {
            undecided.remove(acknowledgement);
        }
        if (decision == null) {
            if (failure != null) {
                return cutShortByTheStop(failure) ? ExchangeOutcome.CUT_SHORT_BY_STOP
                        : new ExchangeOutcome(failure, null, retryDelayLevel(exchange));
            }
            if (acknowledgement.stopped()) {
                LOG.info("Consumer stopping before exchange {} took its acknowledgement decision: its message(s) go back"
                         + " to the group, not counted as an attempt", exchange.getExchangeId());
                return ExchangeOutcome.UNDECIDED_AT_STOP;
            }
            LOG.warn("Exchange {} took no acknowledgement decision within manualAckTimeout={} ms: its message(s) will be"
                     + " redelivered", exchange.getExchangeId(), manualAck.timeoutMillis());
            return new ExchangeOutcome(new RollbackExchangeException(
                    "No acknowledgement decision within manualAckTimeout=" + manualAck.timeoutMillis() + " ms", exchange),
                    null, retryDelayLevel(exchange));
        }
        if (decision.acknowledged()) {
            return ExchangeOutcome.SUCCEEDED;
        }
        Throwable cause = failure != null ? failure
                : new RollbackExchangeException("The route asked for a redelivery (retryLater)", exchange);
        return new ExchangeOutcome(cause, decision.delay(), retryDelayLevel(exchange));
    }

    /**
     * A header that is no level used to reach the broker, which took its last level for one above it, or threw out of
     * the listener (a text that is no number), leaving the client's growing delay.
     */
    private int retryDelayLevel(Exchange exchange) {
        Object header = exchange.getMessage().getHeader(RocketMQConstants.RETRY_DELAY_LEVEL);
        if (header == null) {
            return retryDelayLevel;
        }
        Integer level = DelayLevels.level(header, highestRetryDelayLevel);
        if (level == null) {
            LOG.warn("Header {}={} is no retry delay level and is ignored: use 1 to {}, or 0 for RocketMQ's growing"
                     + " delay; the endpoint's retryDelayLevel={} applies", RocketMQConstants.RETRY_DELAY_LEVEL, header,
                    highestRetryDelayLevel, retryDelayLevel);
            return retryDelayLevel;
        }
        return level;
    }

    /**
     * Suspending the client stops its next pulls, but not the pulls the broker is holding (up to 15 s) nor the messages
     * already pulled: those would reach the route while it is suspended. They wait here until the resume (see
     * {@link #awaitResumed}).
     */
    void suspend() {
        synchronized (gate) {
            suspended = true;
        }
    }

    void resume() {
        synchronized (gate) {
            suspended = false;
            gate.notifyAll();
        }
    }

    /**
     * The client sends a message back as expired once consumeTimeout passed since its consume started (the listener was
     * called): one held here longer ran twice, at the resume and as that copy, an attempt counted. So a held message's
     * consume starts anew while it waits. A popped one cannot be kept from the broker beyond popInvisibleTime (a
     * changed invisibility replaces the receipt the client acknowledges with), nor any held message from a rebalance
     * that gives its queue to another consumer: see {@link Holding}.
     *
     * @param keptUntil until when (epoch milliseconds) they may wait: past it, they return still suspended
     * @return whether the messages were held
     */
    private boolean awaitResumed(List<MessageExt> messages, long keptUntil) {
        if (!suspended) {
            return false;
        }
        synchronized (gate) {
            long left;
            while (suspended && (left = keptUntil - System.currentTimeMillis()) > 0) {
                try {
                    gate.wait(Math.min(HELD_RESTAMP_MILLIS, left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                String now = String.valueOf(System.currentTimeMillis());
                messages.forEach(message -> MessageAccessor.setConsumeStartTimeStamp(message, now));
            }
        }
        return true;
    }

    /**
     * Ends every wait for a decision (undecided messages are handed back, see {@link ExchangeOutcome#handedBack()}),
     * and lets messages held while suspended run as any other exchange in flight at a stop does. Popped messages whose
     * run starts after this are refused.
     */
    void stop() {
        stopped = true;
        undecided.forEach(Acknowledgement::stop);
        resume();
    }

    /**
     * After {@link #stop()}: waits until no run is in progress.
     *
     * @return whether none is, within the time given
     */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (gate) {
            while (inProgress.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                gate.wait(left);
            }
        }
        return true;
    }

    /** Runs in progress: exchanges in the route and messages held until a resume. */
    int inProgress() {
        return inProgress.get();
    }

    /**
     * Requests inside a consumed batch each get their reply: element i of the exchange's List body when the route left
     * a list of the batch's size (a Camel message element gives body and headers), else the exchange's message.
     */
    private void replyToRequestsIn(List<MessageExt> messages, Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        List<?> answers = body instanceof List<?> list && list.size() == messages.size() ? list : null;
        for (int i = 0; i < messages.size(); i++) {
            MessageExt message = messages.get(i);
            if (!ReplySender.isRequest(message)) {
                continue;
            }
            Message answer = exchange.getMessage();
            if (answers != null) {
                Object element = answers.get(i);
                if (element instanceof Message camelMessage) {
                    answer = camelMessage;
                } else {
                    answer = exchange.getMessage().copy();
                    answer.setBody(element);
                }
            }
            reply(message, exchange, answer);
        }
    }

    /**
     * A reply that cannot be sent leaves the request acknowledged: the route's work is done and redelivering the request
     * would do it twice; the requester times out instead.
     */
    private void reply(MessageExt request, Exchange exchange, Message answer) {
        try {
            replies.reply(request, exchange, answer);
        } catch (Exception e) {
            consumer.getExceptionHandler().handleException("Cannot reply to a request from " + request.getTopic(),
                    exchange, e);
        }
    }

    /** transferException: the failure is the answer; the request is acknowledged as when the route answered. */
    private void replyFailure(MessageExt request, Exchange exchange, Throwable failure) {
        LOG.debug("Exchange {} failed on a request from {}: the failure is its reply", exchange.getExchangeId(),
                request.getTopic());
        try {
            replies.replyFailure(request, failure);
        } catch (Exception e) {
            consumer.getExceptionHandler().handleException("Cannot reply to a request from " + request.getTopic()
                                                           + " with its route's failure", exchange, e);
        }
    }
}

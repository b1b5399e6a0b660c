package io.rocketcamel.component.rocketmq.transaction;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.consumer.ExchangeFiller;
import io.rocketcamel.component.rocketmq.internal.ClientActivity;
import io.rocketcamel.component.rocketmq.internal.PromptShutdown;
import io.rocketcamel.component.rocketmq.producer.QueueChoice;
import io.rocketcamel.component.rocketmq.producer.QueueKey;
import io.rocketcamel.component.rocketmq.producer.SendStatusException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one transactional client of a producer group in a CamelContext, shared by the group's endpoints. The broker
 * checks back with any producer of the group, so the group's client must answer for every endpoint of the group:
 * check-backs go to the checker registered for the message's topic (or the group's only checker). Checker routes are
 * asked through the group's own template, so a checker keeps working for as long as any route of the group sends,
 * whichever route registered it first.
 */
public final class GroupProducer implements TransactionListener {

    private static final Logger LOG = LoggerFactory.getLogger(GroupProducer.class);
    /**
     * The user property naming the endpoint topic whose checker answers for a half message sent to another topic; a
     * Camel header name, so the default header filter keeps it from consumers.
     */
    static final String CHECKED_TOPIC = "CamelRocketMQCheckedTopic";
    /**
     * Long enough for an outcome in flight and a check-back queued behind others; short against the broker's checks
     * (15 at most by default, every 60 s; a development broker's every second leaves 10 of them).
     */
    private static final Duration ENDED_WINDOW = Duration.ofSeconds(5);
    /** 146 bytes each (measured, 32-character ids): 15 MB at most against a flood of long local transactions. */
    private static final int ASKED_WHILE_OPEN_LIMIT = 100_000;

    private final CamelContext context;
    private final TransactionMQProducer client;
    private final ExecutorService checkBackThreads;
    private final ClientActivity activity;
    private final QueueChoice queues;
    private final ExchangeFiller incoming;
    private final ProducerTemplate checkerTemplate;
    private final Map<String, Registration> checkers = new HashMap<>();
    /**
     * Transactions of this client still deciding, locally or in its checker; a check-back about them must not reach a
     * checker yet.
     */
    private final Set<String> deciding = ConcurrentHashMap.newKeySet();
    /**
     * Transactions this client told the broker the outcome of a moment ago, as sender or through its checker. The
     * client sends an outcome one way: a check-back the broker sent before the outcome reached it comes after the
     * transaction ended here, and is answered UNKNOWN while the outcome may still be on its way.
     */
    private final RecentIds endedHere = new RecentIds(ENDED_WINDOW, Integer.MAX_VALUE);
    /**
     * Transactions the broker checked back about while they were open here (deciding, or their outcome on its way).
     * It asks again, about a new copy of the half message, and a COMMIT of that copy would store the message a second
     * time when the first outcome was a COMMIT: their later check-backs look in the topic first. Held as long as a
     * broker checks (15 times at most by default, every 60 s).
     */
    private final RecentIds askedWhileOpen = new RecentIds(Duration.ofHours(1), ASKED_WHILE_OPEN_LIMIT);
    private final StoredAlready storedAlready;
    private final CheckBacks checkBacks = new CheckBacks();
    private final SharedClientSettings settings;
    /** Guarded by {@link GroupProducers}. */
    int users;

    private record Registration(String option, RocketMQTransactionChecker checker, int users) {
    }

    GroupProducer(CamelContext context, TransactionMQProducer client, ExecutorService checkBackThreads,
                  ClientActivity activity, ExchangeFiller incoming, SharedClientSettings settings) {
        this.context = context;
        this.settings = settings;
        this.client = client;
        this.checkBackThreads = checkBackThreads;
        this.activity = activity;
        this.queues = new QueueChoice(client);
        this.storedAlready = new StoredAlready(client);
        this.incoming = incoming;
        this.checkerTemplate = context.createProducerTemplate();
        client.setTransactionListener(this);
    }

    SharedClientSettings settings() {
        return settings;
    }

    void start() throws MQClientException {
        client.start();
    }

    /** The client first, so that no check-back reaches the checker's template once it stopped. */
    void shutdown() {
        PromptShutdown.of(client);
        context.getExecutorServiceManager().shutdown(checkBackThreads);
        checkerTemplate.stop();
    }

    TransactionMQProducer client() {
        return client;
    }

    ClientActivity activity() {
        return activity;
    }

    String group() {
        return client.getProducerGroup();
    }

    /** Whether this client told the broker the transaction's outcome a moment ago. */
    boolean justEnded(String transactionId) {
        return endedHere.contains(transactionId);
    }

    CheckBacks checkBacks() {
        return checkBacks;
    }

    synchronized void register(String topic, CheckerOption checker) {
        Registration existing = checkers.get(topic);
        if (existing == null) {
            checkers.put(topic, new Registration(checker.option(), checker.checkerUsing(checkerTemplate), 1));
            return;
        }
        if (!existing.option().equals(checker.option())) {
            throw new IllegalArgumentException("Producer group " + group() + " already answers check-backs for topic "
                                               + topic + " with transactionChecker=" + existing.option()
                                               + ", another endpoint sets transactionChecker=" + checker.option()
                                               + ": endpoints of one group and topic must share their checker, or use"
                                               + " different producerGroup values");
        }
        checkers.put(topic, new Registration(existing.option(), existing.checker(), existing.users() + 1));
    }

    synchronized void unregister(String topic) {
        checkers.computeIfPresent(topic, (t, r) -> r.users() == 1 ? null : new Registration(r.option(), r.checker(), r.users() - 1));
    }

    /**
     * @param checkedTopic the topic the sending endpoint registered its checker for, or {@code null}; kept in the half
     *                     message when it sends to another topic (toD, CamelRocketMQOverrideTopic), so its check-back
     *                     reaches that checker, also in a restarted application that has not sent to the topic yet
     *                     (once the endpoint exists: Camel creates a toD's at its first exchange)
     */
    HalfMessage sendHalf(Message message, QueueKey queueKey, String checkedTopic) throws Exception {
        if (checkedTopic != null && !checkedTopic.equals(message.getTopic())) {
            message.putUserProperty(CHECKED_TOPIC, checkedTopic);
        }
        MessageAccessor.putProperty(message, MessageConst.PROPERTY_TRANSACTION_PREPARED, "true");
        MessageAccessor.putProperty(message, MessageConst.PROPERTY_PRODUCER_GROUP, client.getProducerGroup());
        MessageClientIDSetter.setUniqID(message);
        String transactionId = MessageClientIDSetter.getUniqID(message);
        deciding.add(transactionId);
        try {
            SendResult result = queues.send(message, queueKey);
            HalfMessage half = new HalfMessage(transactionId, message, result);
            if (result.getSendStatus() != SendStatus.SEND_OK) {
                end(half, TransactionState.ROLLBACK, null);
                // the cause names the broker's answer, so the producer's health counts it as the cluster's failure
                throw new IllegalStateException("The half message " + transactionId + " was not stored safely ("
                                                + result.getSendStatus() + "): rolled back before the local transaction",
                        new SendStatusException(result));
            }
            return half;
        } catch (Exception e) {
            deciding.remove(transactionId);
            throw e;
        }
    }

    /**
     * Tells the broker the outcome; UNKNOWN tells it nothing, so it checks back. A lost end is only logged: the
     * broker checks back for it as well.
     */
    void end(HalfMessage half, TransactionState state, Throwable cause) {
        try {
            if (state != TransactionState.UNKNOWN) {
                endedHere.add(half.transactionId());
                client.getDefaultMQProducerImpl().endTransaction(half.message(), half.result(), state.clientState(), cause);
            }
        } catch (Exception e) {
            LOG.warn("Could not tell the broker {} for transaction {} of group {}: it will check back", state,
                    half.transactionId(), group(), e);
        } finally {
            deciding.remove(half.transactionId());
        }
    }

    @Override
    public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
        // half messages are sent with send() and ended by end(), so the client never runs a local transaction itself
        return LocalTransactionState.UNKNOW;
    }

    /**
     * A check-back is about one copy of the half message: the broker puts a new one at each check, and a COMMIT of
     * any copy stores the message. A transaction this client still decides (locally or in its checker) is answered
     * UNKNOWN. One it decided a moment ago, or that was checked back about while open here, may be committed already:
     * when the topic holds its message, ROLLBACK discards only this copy; when not, one decided a moment ago has its
     * outcome on the way (UNKNOWN), and the checker decides the others.
     */
    @Override
    public LocalTransactionState checkLocalTransaction(MessageExt message) {
        String transactionId = message.getTransactionId();
        if (!deciding.add(transactionId)) {
            askedWhileOpen.add(transactionId);
            return checkBacks.record(LocalTransactionState.UNKNOW);
        }
        try {
            // a check-back that waited for a check thread longer than the moment is answered as when it arrived
            boolean justEnded = justEnded(transactionId) || CheckBackThreads.endedWhenAsked();
            if ((justEnded || askedWhileOpen.contains(transactionId)) && storedAlready.holds(message)) {
                LOG.info("Check-back for transaction {} of topic {}, group {}: its message is stored already, the"
                         + " broker's copy of the half message is rolled back", transactionId, message.getTopic(),
                        group());
                // the ROLLBACK may come too late for the broker's next check as well: that copy is looked up again
                askedWhileOpen.add(transactionId);
                return checkBacks.recordStoredAlready();
            }
            if (justEnded) {
                askedWhileOpen.add(transactionId);
                return checkBacks.record(LocalTransactionState.UNKNOW);
            }
            LocalTransactionState answer = checkBacks.record(answer(message));
            if (answer != LocalTransactionState.UNKNOW) {
                endedHere.add(transactionId);
            }
            return answer;
        } finally {
            deciding.remove(transactionId);
        }
    }

    private LocalTransactionState answer(MessageExt message) {
        if (!context.isStarted()) {
            // Starting or stopping: a checker route may not be consuming, and a direct: producer would wait 30 s for
            // it (holding up shutdown). The broker asks again later.
            return LocalTransactionState.UNKNOW;
        }
        RocketMQTransactionChecker checker = checkerFor(message.getProperty(CHECKED_TOPIC), message.getTopic());
        if (checker == null) {
            LOG.warn("Check-back for transaction {} of topic {}, group {}: no transactionChecker, answered UNKNOWN",
                    message.getTransactionId(), message.getTopic(), group());
            return LocalTransactionState.UNKNOW;
        }
        Exchange exchange = new DefaultExchange(context);
        incoming.fillOne(exchange, message);
        exchange.getIn().setHeader(RocketMQConstants.TRANSACTION_ID, message.getTransactionId());
        // the broker's count is not a header of its own (a forward would carry it into another transaction)
        String checkTimes = message.getProperty(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES);
        if (checkTimes != null && checkTimes.matches("\\d{1,9}")) {
            exchange.getIn().setHeader(RocketMQConstants.TRANSACTION_CHECK_TIMES, Integer.valueOf(checkTimes));
        }
        try {
            return checker.check(exchange.getIn()).clientState();
        } catch (Exception e) {
            LOG.warn("The transactionChecker of topic {}, group {} failed for transaction {}: answered UNKNOWN, the"
                     + " broker will ask again", message.getTopic(), group(), message.getTransactionId(), e);
            return LocalTransactionState.UNKNOW;
        }
    }

    /**
     * The checker of the endpoint that sent the message, which names it (toD's topics are not the endpoint's). None
     * when that endpoint has no checker or is not started in this application (yet): another endpoint's checker,
     * such as the group's only one, knows nothing of the message, and an UNKNOWN has the broker ask again later.
     */
    private synchronized RocketMQTransactionChecker checkerFor(String checkedTopic, String topic) {
        Registration registration = checkers.get(checkedTopic != null ? checkedTopic : topic);
        return registration == null ? null : registration.checker();
    }
}

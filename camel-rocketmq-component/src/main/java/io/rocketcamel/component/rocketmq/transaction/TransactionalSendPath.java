package io.rocketcamel.component.rocketmq.transaction;

import java.util.List;
import java.util.function.Supplier;

import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.RocketMQEndpoint;
import io.rocketcamel.component.rocketmq.internal.ClientActivity;
import io.rocketcamel.component.rocketmq.internal.ExchangeFailure;
import io.rocketcamel.component.rocketmq.producer.OutgoingMessages;
import io.rocketcamel.component.rocketmq.producer.SendPath;
import io.rocketcamel.component.rocketmq.producer.SendResults;
import io.rocketcamel.component.rocketmq.producer.UnsendableMessageException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * transactional=true: the exchange is sent as a half message, then the transaction is ended by the outcome of the
 * local transaction: the localTransaction endpoint run right away, or else the rest of the exchange (decided when it
 * completes). A transaction enclosing the send (a transacted route's) has the last word: no commit before it commits.
 */
public final class TransactionalSendPath implements SendPath {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalSendPath.class);
    /**
     * The id of the exchange whose transactional send waits for it to complete (a copy, such as a split's element,
     * has another id: the decision in its header is its own).
     */
    private static final String AWAITING_EXCHANGE = "CamelRocketMQTransactionAwaitsExchange";

    private final GroupProducers groups;
    private final GroupProducer group;
    private final String checkedTopic;
    private final ProducerTemplate template;
    private final AskedEndpoint localTransaction;
    private final EnclosingTransaction enclosing;
    /** Half messages are stored on the master; a weaker status is rolled back before the local transaction runs. */
    private final SendResults results = new SendResults(false);

    private TransactionalSendPath(GroupProducers groups, GroupProducer group, String checkedTopic,
                                  ProducerTemplate template, AskedEndpoint localTransaction,
                                  EnclosingTransaction enclosing) {
        this.groups = groups;
        this.group = group;
        this.checkedTopic = checkedTopic;
        this.template = template;
        this.localTransaction = localTransaction;
        this.enclosing = enclosing;
    }

    /**
     * Resolves the endpoint's localTransaction and transactionChecker (failing when they point at nothing) and joins
     * the producer group's shared client.
     */
    public static TransactionalSendPath start(RocketMQEndpoint endpoint, Supplier<String> instanceName) throws Exception {
        CamelContext context = endpoint.getCamelContext();
        RocketMQConfiguration configuration = endpoint.getConfiguration();
        String topic = endpoint.getTopicName();
        String producerGroup = endpoint.producerGroup();
        ProducerTemplate template = context.createProducerTemplate();
        try {
            AskedEndpoint localTransaction = configuration.getLocalTransaction() == null ? null
                    : AskedEndpoint.of(TransactionOptions.existingEndpoint(context, "localTransaction",
                            configuration.getLocalTransaction()));
            CheckerOption checker = TransactionOptions.checker(context, configuration.getTransactionChecker());
            GroupProducers groups = endpoint.getComponent().groupProducers();
            GroupProducer group = groups.acquire(context, configuration, producerGroup, topic, instanceName);
            if (checker == null) {
                LOG.warn("Transactional producer of topic {} (group {}) has no transactionChecker: a transaction whose"
                         + " outcome never reaches the broker (UNKNOWN, or the application stopping mid-transaction) is"
                         + " checked back, answered UNKNOWN, and dropped by the broker after its last check"
                         + " (transactionCheckMax, 15 by default). Set transactionChecker=direct:... or #beanName to"
                         + " answer from durable state", topic, producerGroup);
            } else {
                try {
                    group.register(topic, checker);
                } catch (RuntimeException e) {
                    groups.release(group);
                    throw e;
                }
            }
            return new TransactionalSendPath(groups, group, checker == null ? null : topic, template, localTransaction,
                    EnclosingTransaction.of(TransactionalSendPath.class.getClassLoader()));
        } catch (Exception e) {
            template.close();
            throw e;
        }
    }

    /** The group's client, shared with the group's other endpoints. */
    public DefaultMQProducer client() {
        return group.client();
    }

    public ClientActivity activity() {
        return group.activity();
    }

    @Override
    public void stop() throws Exception {
        if (checkedTopic != null) {
            group.unregister(checkedTopic);
        }
        groups.release(group);
        template.close();
    }

    @Override
    public boolean send(Exchange exchange, OutgoingMessages outgoing, AsyncCallback callback) throws Exception {
        Message message = single(outgoing);
        if (localTransaction == null && exchange.getUnitOfWork() == null) {
            // nothing would complete the exchange and end its transaction: the half message would stay undecided, its
            // check-backs answered UNKNOWN as still deciding, until the broker dropped it
            throw new UnsendableMessageException("A transactional send without localTransaction is decided when its"
                                                 + " exchange completes, and exchange " + exchange.getExchangeId()
                                                 + " has no unit of work that would complete it (given to the producer"
                                                 + " itself): send it from a route or a ProducerTemplate, or set"
                                                 + " localTransaction");
        }
        // the state header is the decision of a send of this exchange that waits for it to complete, if there is one;
        // otherwise whatever it holds is stale (a consumed message's, an earlier local transaction's outcome)
        boolean decidesEarlierSend = exchange.getExchangeId().equals(exchange.getProperty(AWAITING_EXCHANGE));
        String earlierDecision = exchange.getMessage().getHeader(RocketMQConstants.TRANSACTION_STATE, String.class);
        if (!decidesEarlierSend || localTransaction != null) {
            exchange.getMessage().removeHeader(RocketMQConstants.TRANSACTION_STATE);
        }
        HalfMessage half = group.sendHalf(message, outgoing.queueKey(), checkedTopic);
        exchange.getMessage().setHeader(RocketMQConstants.TRANSACTION_ID, half.transactionId());
        results.record(exchange.getMessage(), List.of(half.result()));
        if (localTransaction == null) {
            exchange.setProperty(AWAITING_EXCHANGE, exchange.getExchangeId());
            // the exchange as it stands when the enclosing transaction commits decides (a route failing after a
            // transacted block does not undo its commit)
            if (!enclosing.endsWith(outcome -> endAsDecided(half, outcome, exchange))) {
                exchange.getExchangeExtension().addOnCompletion(new EndWithExchange(half));
            }
            return false;
        }
        TransactionState state = runLocalTransaction(exchange);
        if (!decidesEarlierSend) {
            exchange.getMessage().setHeader(RocketMQConstants.TRANSACTION_STATE, state.name());
        } else if (earlierDecision != null) {
            exchange.getMessage().setHeader(RocketMQConstants.TRANSACTION_STATE, earlierDecision);
        } else {
            exchange.getMessage().removeHeader(RocketMQConstants.TRANSACTION_STATE);
        }
        if (state != TransactionState.COMMIT || !enclosing.endsWith(outcome -> group.end(half, outcome, null))) {
            group.end(half, state, exchange.getException());
        }
        return false;
    }

    /**
     * Ends the transaction by the exchange once its local transaction ended with {@code outcome}: a failed or
     * rollback-only exchange rolls back, else the route's state header, if set, decides.
     */
    private void endAsDecided(HalfMessage half, TransactionState outcome, Exchange exchange) {
        Throwable rolledBack = ExchangeFailure.of(exchange);
        if (outcome != TransactionState.COMMIT || rolledBack != null) {
            group.end(half, outcome == TransactionState.UNKNOWN ? outcome : TransactionState.ROLLBACK, rolledBack);
            return;
        }
        TransactionState state;
        try {
            state = TransactionState.headerOr(exchange.getMessage(), TransactionState.COMMIT, "The route");
        } catch (IllegalArgumentException e) {
            // too late to fail the exchange for it (it completed, or its transaction did): the checker decides
            LOG.warn("{}: transaction {} left UNKNOWN", e.getMessage(), half.transactionId());
            state = TransactionState.UNKNOWN;
        }
        group.end(half, state, null);
    }

    private TransactionState runLocalTransaction(Exchange exchange) {
        localTransaction.ask(template, exchange);
        if (ExchangeFailure.of(exchange) != null) {
            return TransactionState.ROLLBACK;
        }
        try {
            return TransactionState.headerOr(exchange.getMessage(), TransactionState.COMMIT,
                    "localTransaction " + localTransaction.uri());
        } catch (IllegalArgumentException e) {
            exchange.setException(e);
            return TransactionState.ROLLBACK;
        }
    }

    private static Message single(OutgoingMessages outgoing) {
        if (outgoing.fromList()) {
            throw new UnsendableMessageException("A transactional send carries one message, the body is a list: RocketMQ"
                                                 + " has no transactional batches; send one exchange per element");
        }
        if (outgoing.delayed()) {
            throw new UnsendableMessageException("A transactional message cannot be delayed: remove the "
                                                 + RocketMQConstants.OVERRIDE_DELAY_LEVEL + " and "
                                                 + RocketMQConstants.DELIVER_TIME + " headers");
        }
        return outgoing.messages().get(0);
    }

    /**
     * Ends the transaction with the exchange: committed when it completes, rolled back when it fails or was marked
     * rollback-only.
     */
    private final class EndWithExchange extends SynchronizationAdapter {

        private final HalfMessage half;

        EndWithExchange(HalfMessage half) {
            this.half = half;
        }

        /**
         * Camel hands an exchange's completions over to the copy a seda, vm or disruptor hop makes: the copy's outcome
         * would decide, committing the message of a route that failed after the hop.
         */
        @Override
        public boolean allowHandover() {
            return false;
        }

        @Override
        public void onComplete(Exchange exchange) {
            endAsDecided(half, TransactionState.COMMIT, exchange);
        }

        @Override
        public void onFailure(Exchange exchange) {
            group.end(half, TransactionState.ROLLBACK, exchange.getException());
        }
    }
}

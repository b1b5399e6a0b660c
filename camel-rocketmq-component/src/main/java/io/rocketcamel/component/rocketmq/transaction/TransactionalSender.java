package io.rocketcamel.component.rocketmq.transaction;

import java.util.List;
import java.util.function.Supplier;

import io.rocketcamel.component.rocketmq.OutgoingMessages;
import io.rocketcamel.component.rocketmq.RocketMQConfiguration;
import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.component.rocketmq.SendResultHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.rocketmq.common.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an exchange as a half message and ends the transaction by the outcome of the local transaction: the
 * localTransaction endpoint run right away, or else the rest of the exchange (decided when it completes).
 */
public final class TransactionalSender {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalSender.class);

    private final GroupProducers groups;
    private final GroupProducer group;
    private final String topic;
    private final ProducerTemplate template;
    private final Endpoint localTransaction;

    private TransactionalSender(GroupProducers groups, GroupProducer group, String topic, ProducerTemplate template,
                                Endpoint localTransaction) {
        this.groups = groups;
        this.group = group;
        this.topic = topic;
        this.template = template;
        this.localTransaction = localTransaction;
    }

    /**
     * Resolves the endpoint's localTransaction and transactionChecker (failing when they point at nothing) and joins
     * the producer group's shared client.
     */
    public static TransactionalSender start(CamelContext context, GroupProducers groups, RocketMQConfiguration configuration,
                                            String topic, String producerGroup, Supplier<String> instanceName)
            throws Exception {
        ProducerTemplate template = context.createProducerTemplate();
        try {
            Endpoint localTransaction = configuration.getLocalTransaction() == null ? null
                    : TransactionOptions.existingEndpoint(context, "localTransaction", configuration.getLocalTransaction());
            RocketMQTransactionChecker checker = TransactionOptions.checker(context, template,
                    configuration.getTransactionChecker());
            GroupProducer group = groups.acquire(context, configuration, producerGroup, topic, instanceName);
            if (checker != null) {
                try {
                    group.register(topic, configuration.getTransactionChecker(), checker);
                } catch (RuntimeException e) {
                    groups.release(group);
                    throw e;
                }
            }
            return new TransactionalSender(groups, group, checker == null ? null : topic, template, localTransaction);
        } catch (Exception e) {
            template.close();
            throw e;
        }
    }

    public void stop() throws Exception {
        if (topic != null) {
            group.unregister(topic);
        }
        groups.release(group);
        template.close();
    }

    public void send(Exchange exchange, OutgoingMessages outgoing) throws Exception {
        Message message = single(outgoing);
        exchange.getMessage().removeHeader(RocketMQConstants.TRANSACTION_STATE);
        HalfMessage half = group.sendHalf(message, outgoing.orderKey());
        exchange.getMessage().setHeader(RocketMQConstants.TRANSACTION_ID, half.transactionId());
        SendResultHeaders.apply(exchange.getMessage(), List.of(half.result()));
        if (localTransaction == null) {
            exchange.getExchangeExtension().addOnCompletion(new EndWithExchange(half));
            return;
        }
        TransactionState state = runLocalTransaction(exchange);
        exchange.getMessage().setHeader(RocketMQConstants.TRANSACTION_STATE, state.name());
        group.end(half, state, exchange.getException());
    }

    private TransactionState runLocalTransaction(Exchange exchange) {
        template.send(localTransaction, exchange);
        if (exchange.getException() != null) {
            return TransactionState.ROLLBACK;
        }
        try {
            return TransactionState.headerOr(exchange.getMessage(), TransactionState.COMMIT,
                    "localTransaction " + localTransaction.getEndpointUri());
        } catch (IllegalArgumentException e) {
            exchange.setException(e);
            return TransactionState.ROLLBACK;
        }
    }

    private static Message single(OutgoingMessages outgoing) {
        if (outgoing.fromList()) {
            throw new IllegalArgumentException("A transactional send carries one message, the body is a list: RocketMQ"
                                               + " has no transactional batches; send one exchange per element");
        }
        Message message = outgoing.units().get(0);
        if (message.getDelayTimeLevel() > 0 || message.getDeliverTimeMs() > 0) {
            throw new IllegalArgumentException("A transactional message cannot be delayed: remove the "
                                               + RocketMQConstants.OVERRIDE_DELAY_LEVEL + " and "
                                               + RocketMQConstants.DELIVER_TIME + " headers");
        }
        return message;
    }

    /** Ends the transaction with the exchange: committed when it completes, rolled back when it fails. */
    private final class EndWithExchange extends SynchronizationAdapter {

        private final HalfMessage half;

        EndWithExchange(HalfMessage half) {
            this.half = half;
        }

        @Override
        public void onComplete(Exchange exchange) {
            TransactionState state;
            try {
                state = TransactionState.headerOr(exchange.getMessage(), TransactionState.COMMIT, "The route");
            } catch (IllegalArgumentException e) {
                // the exchange has completed and cannot fail any more: leave the decision to the checker
                LOG.warn("{}: transaction {} left UNKNOWN",
                        e.getMessage(), half.transactionId());
                state = TransactionState.UNKNOWN;
            }
            group.end(half, state, null);
        }

        @Override
        public void onFailure(Exchange exchange) {
            group.end(half, TransactionState.ROLLBACK, exchange.getException());
        }
    }
}

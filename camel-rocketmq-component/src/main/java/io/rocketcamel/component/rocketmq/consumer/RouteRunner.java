package io.rocketcamel.component.rocketmq.consumer;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.RollbackExchangeException;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the route for consumed messages and says whether they may be acknowledged: only when the exchange completed
 * without exception and was not marked rollback-only. Answers requests (RIP-16) once the route succeeded.
 */
final class RouteRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRunner.class);

    private final RocketMQConsumer consumer;
    private final ExchangeFiller filler;
    private final ReplySender replies;
    private final boolean batches;

    RouteRunner(RocketMQConsumer consumer, ExchangeFiller filler, ReplySender replies, boolean batches) {
        this.consumer = consumer;
        this.filler = filler;
        this.replies = replies;
        this.batches = batches;
    }

    ExchangeOutcome run(List<MessageExt> messages) {
        Exchange exchange = consumer.createExchange(false);
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
            consumer.getProcessor().process(exchange);
            Throwable failure = failureOf(exchange);
            if (failure != null) {
                LOG.debug("Exchange {} failed, {} message(s) of {} are not acknowledged", exchange.getExchangeId(),
                        messages.size(), first.getTopic());
                return new ExchangeOutcome(failure);
            }
            if (request) {
                reply(first, exchange, exchange.getMessage());
            } else if (batches) {
                replyToRequestsIn(messages, exchange);
            }
            return ExchangeOutcome.SUCCEEDED;
        } catch (Exception e) {
            consumer.getExceptionHandler().handleException("Cannot consume from " + messages.get(0).getTopic(), exchange, e);
            return new ExchangeOutcome(e);
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }

    private static Throwable failureOf(Exchange exchange) {
        if (exchange.getException() != null) {
            return exchange.getException();
        }
        if (exchange.isRollbackOnly() || exchange.isRollbackOnlyLast()) {
            // camel-kafka and Apache's camel-rocketmq treat it so: the route asked for the message to come back
            return new RollbackExchangeException("The exchange was marked rollback-only", exchange);
        }
        return null;
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
}

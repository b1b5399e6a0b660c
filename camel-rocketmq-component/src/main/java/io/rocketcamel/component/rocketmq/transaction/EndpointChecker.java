package io.rocketcamel.component.rocketmq.transaction;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * A checker that is a route: it gets the half message's exchange and answers in the body or the state header.
 */
final class EndpointChecker implements RocketMQTransactionChecker {

    private final ProducerTemplate template;
    private final AskedEndpoint endpoint;

    EndpointChecker(ProducerTemplate template, AskedEndpoint endpoint) {
        this.template = template;
        this.endpoint = endpoint;
    }

    @Override
    public TransactionState check(Message halfMessage) throws Exception {
        Exchange answered = halfMessage.getExchange();
        endpoint.ask(template, answered);
        if (answered.getException() != null) {
            throw answered.getException();
        }
        return TransactionState.answeredBy(answered.getMessage(), "transactionChecker " + endpoint.uri());
    }
}

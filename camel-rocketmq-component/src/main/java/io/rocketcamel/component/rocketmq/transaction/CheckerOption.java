package io.rocketcamel.component.rocketmq.transaction;

import org.apache.camel.ProducerTemplate;

/**
 * What a transactionChecker option names, resolved when the route starts: a bean, or an endpoint that is asked
 * through the producer group's own template (which lives as long as the group, not as long as one route).
 */
record CheckerOption(String option, RocketMQTransactionChecker bean, AskedEndpoint endpoint) {

    RocketMQTransactionChecker checkerUsing(ProducerTemplate template) {
        return bean != null ? bean : new EndpointChecker(template, endpoint);
    }
}

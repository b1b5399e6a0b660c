package io.rocketcamel.component.rocketmq.transaction;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;

/**
 * Resolves localTransaction and transactionChecker when a route starts, failing on values that point at nothing.
 */
final class TransactionOptions {

    private TransactionOptions() {
    }

    /**
     * The endpoint the option names. Whether a route consumes from it is known only once every route has started
     * (routes start one by one), so a missing direct: route shows at the first call, as with any direct: endpoint.
     */
    static Endpoint existingEndpoint(CamelContext context, String option, String uri) {
        try {
            return context.getEndpoint(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Option " + option + "=" + uri + " names no endpoint of CamelContext "
                                               + context.getName() + " (" + e.getMessage() + "): name an endpoint such as"
                                               + (option.equals("transactionChecker")
                                                       ? " direct:checkOrder that answers COMMIT, ROLLBACK or UNKNOWN, or a"
                                                         + " bean #beanName implementing "
                                                         + RocketMQTransactionChecker.class.getName()
                                                       : " direct:createOrder that runs the local transaction"),
                    e);
        }
    }

    /**
     * @return the checker named by the option, or {@code null} when it is not set
     */
    static RocketMQTransactionChecker checker(CamelContext context, ProducerTemplate template, String value) {
        if (value == null) {
            return null;
        }
        if (!value.startsWith("#")) {
            return new EndpointChecker(template, existingEndpoint(context, "transactionChecker", value));
        }
        String name = value.startsWith("#bean:") ? value.substring("#bean:".length()) : value.substring(1);
        Object bean = context.getRegistry().lookupByName(name);
        if (bean instanceof RocketMQTransactionChecker checker) {
            return checker;
        }
        throw new IllegalArgumentException("Option transactionChecker=" + value + (bean == null
                ? " names no bean of the registry"
                : " names a bean of type " + bean.getClass().getName()) + ": it must be a bean implementing "
                                           + RocketMQTransactionChecker.class.getName()
                                           + ", or an endpoint such as direct:checkOrder");
    }
}

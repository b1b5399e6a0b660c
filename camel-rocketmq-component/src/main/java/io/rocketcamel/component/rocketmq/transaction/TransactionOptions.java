package io.rocketcamel.component.rocketmq.transaction;

import org.apache.camel.CamelContext;
import io.rocketcamel.component.rocketmq.internal.ConsumingRouteCheck;
import org.apache.camel.Endpoint;

/**
 * Resolves localTransaction and transactionChecker when a route starts, failing on values that point at nothing.
 */
final class TransactionOptions {

    private TransactionOptions() {
    }

    /**
     * The endpoint the option names; a {@code direct:} one must also have a route consuming from it once the routes
     * exist.
     */
    static Endpoint existingEndpoint(CamelContext context, String option, String uri) throws Exception {
        Endpoint endpoint;
        try {
            endpoint = context.getEndpoint(uri);
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
        ConsumingRouteCheck.register(context, option, endpoint);
        return endpoint;
    }

    /**
     * @return the checker named by the option, or {@code null} when it is not set
     */
    static CheckerOption checker(CamelContext context, String value) throws Exception {
        if (value == null) {
            return null;
        }
        if (!value.startsWith("#")) {
            return new CheckerOption(value, null, AskedEndpoint.of(existingEndpoint(context, "transactionChecker", value)));
        }
        String name = value.startsWith("#bean:") ? value.substring("#bean:".length()) : value.substring(1);
        Object bean = context.getRegistry().lookupByName(name);
        if (bean instanceof RocketMQTransactionChecker checker) {
            return new CheckerOption(value, checker, null);
        }
        throw new IllegalArgumentException("Option transactionChecker=" + value + (bean == null
                ? " names no bean of the registry"
                : " names a bean of type " + bean.getClass().getName()) + ": it must be a bean implementing "
                                           + RocketMQTransactionChecker.class.getName()
                                           + ", or an endpoint such as direct:checkOrder");
    }
}

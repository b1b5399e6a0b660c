package io.rocketcamel.component.rocketmq.internal;

import org.apache.camel.Exchange;
import org.apache.camel.RollbackExchangeException;

/**
 * Whether an exchange failed, as everything here that acknowledges, dead-letters or commits on an exchange's outcome
 * must judge it: Camel ends an exchange marked rollback-only without an exception and calls it complete, yet the route
 * asked for its work to be undone (camel-kafka and Apache's camel-rocketmq treat it so too).
 */
public final class ExchangeFailure {

    private ExchangeFailure() {
    }

    /** The exchange's exception, a {@link RollbackExchangeException} when it was marked rollback-only, else null. */
    public static Throwable of(Exchange exchange) {
        if (exchange.getException() != null) {
            return exchange.getException();
        }
        if (exchange.isRollbackOnly() || exchange.isRollbackOnlyLast()) {
            return new RollbackExchangeException("The exchange was marked rollback-only", exchange);
        }
        return null;
    }
}

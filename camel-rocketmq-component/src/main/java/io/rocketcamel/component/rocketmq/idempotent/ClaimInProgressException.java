package io.rocketcamel.component.rocketmq.idempotent;

import java.time.Duration;

import org.apache.camel.RuntimeCamelException;

/**
 * An add met a pending claim of its key: the exchange that claimed it has not completed (nor failed) yet, in this
 * instance or another. The copy's exchange fails, so its message comes again: then the first has either completed (the
 * copy is a duplicate) or failed (the copy is processed), or has been pending longer than {@code claimTimeout} and is
 * taken over.
 */
public class ClaimInProgressException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    ClaimInProgressException(String key, String topic, Duration claimTimeout) {
        super("Key " + key + " on idempotent repository topic " + topic + " is claimed by an exchange still in progress:"
              + " this copy fails and comes again; an unconfirmed claim is taken over claimTimeout=" + claimTimeout
              + " after it was stored");
    }
}

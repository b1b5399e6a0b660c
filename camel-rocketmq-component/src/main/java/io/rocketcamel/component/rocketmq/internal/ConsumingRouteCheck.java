package io.rocketcamel.component.rocketmq.internal;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;

/**
 * A {@code direct:} endpoint that no route consumes from fails every call made to it, which for an option naming one
 * means every transactional send (localTransaction), every check-back (transactionChecker, hours later) or every dead
 * letter (deadLetterUri, on the worst day). Routes
 * start one by one, so this looks once they all exist: Camel calls startup listeners after every route's producers
 * have started and before the consumers do. Routes added to a context already running start one at a time with no
 * such moment (the consuming route may come next), so there a missing route still shows at the first call.
 */
public final class ConsumingRouteCheck implements StartupListener {

    private final String option;
    private final Endpoint endpoint;

    private ConsumingRouteCheck(String option, Endpoint endpoint) {
        this.option = option;
        this.endpoint = endpoint;
    }

    public static void register(CamelContext context, String option, Endpoint endpoint) throws Exception {
        if (endpoint.getEndpointUri().startsWith("direct:") && !context.isStarted()) {
            context.addStartupListener(new ConsumingRouteCheck(option, endpoint));
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        String uri = endpoint.getEndpointBaseUri();
        boolean consumed = context.getRoutes().stream()
                .anyMatch(route -> route.getEndpoint().getEndpointBaseUri().equals(uri));
        if (!consumed) {
            throw new IllegalArgumentException("Option " + option + "=" + uri + " names an endpoint no route consumes"
                                               + " from: add a route from(\"" + uri + "\") to CamelContext "
                                               + context.getName() + ", or name another endpoint");
        }
    }
}

package io.rocketcamel.examples.cdc;

import java.util.List;
import org.apache.camel.CamelContext;
import org.springframework.stereotype.Component;

/** The CDC routes as one pipeline, which the demo and the tests stop and start again in the middle of a run. */
@Component
public class CdcPipeline {

    static final List<String> ROUTES = List.of(ChangeCaptureRoute.ROUTE_ID, CdcSinkRoutes.CACHE_ROUTE, CdcSinkRoutes.SEARCH_ROUTE);

    private final CamelContext camel;

    public CdcPipeline(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * Stops the capture route (Debezium flushes its offset to the file) and both sinks (their consumers finish the
     * changes in hand and commit their offsets to the broker).
     */
    public void stop() {
        try {
            for (String route : ROUTES) {
                camel.getRouteController().stopRoute(route);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the CDC pipeline", e);
        }
    }

    public void start() {
        try {
            // sinks first, so that they take the changes the restarted capture publishes at once
            for (int i = ROUTES.size() - 1; i >= 0; i--) {
                camel.getRouteController().startRoute(ROUTES.get(i));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the CDC pipeline", e);
        }
    }
}

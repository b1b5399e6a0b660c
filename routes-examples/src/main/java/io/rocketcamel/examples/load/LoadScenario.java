package io.rocketcamel.examples.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * One of the article's scenarios driven through the demo's own routes at a set rate: it starts a unit of work (an
 * order, a row change, a task) and recognises, from the routes' completed exchanges, when a unit has finished.
 */
public interface LoadScenario {

    /** As given to {@code rocketcamel.load.scenario}. */
    String name();

    /** The article's rate for this scenario. */
    double targetPerMinute();

    /** What the latency measures, e.g. "order placed -> final state". */
    String latencyName();

    /** The article's bound on the latency's p99. */
    long latencyTargetMillis();

    /** Consumer groups of the demo's routes that this scenario loads, for the lag over time. */
    List<String> consumerGroups();

    /** Before the load: data the units need (stock, rows), waiting until the routes have settled. */
    default void prepare(Tracker tracker) throws Exception {
    }

    /** Starts unit number {@code n} and registers it with the tracker; called from several threads at once. */
    void start(long n, Tracker tracker) throws Exception;

    /** An exchange of one of the app's routes completed: when it finishes a unit, tell the tracker. */
    void completed(String routeId, Exchange exchange, Tracker tracker);

    /** Figures of the scenario's own that its goals are checked on (e.g. tasks that ran early), into the result. */
    default void putInto(ObjectNode result) {
    }

    /** A line about what the run showed beyond the tracker's numbers, or null. */
    default String note() {
        return null;
    }
}

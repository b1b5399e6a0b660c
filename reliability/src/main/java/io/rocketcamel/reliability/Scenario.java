package io.rocketcamel.reliability;

import java.util.List;

/** One numbered scenario of the fault-injection suite; it starts, kills and cleans up its own processes. */
interface Scenario {

    /** How much: QUICK for the integration test inside {@code mvn verify}, FULL for the report. */
    enum Size { QUICK, FULL }

    String number();

    /** The scenario numbers its rows carry, as docs/reliability.md lists them (one scenario may measure another's figure too). */
    default List<String> numbers() {
        return List.of(number());
    }

    String title();

    /** What it does, for the report: processes, faults, what is checked. */
    String description();

    /** @param keep keep the workspace (stores, records, logs) for a look at what happened */
    List<Result> run(Size size, boolean keep) throws Exception;
}

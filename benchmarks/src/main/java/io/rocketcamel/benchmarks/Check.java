package io.rocketcamel.benchmarks;

/** One goal of the issue checked against one scenario's numbers; {@code gap} says by how much it was missed. */
record Check(String scenarioId, String goal, String measured, Boolean met, String gap) {

    boolean missed() {
        return Boolean.FALSE.equals(met);
    }
}

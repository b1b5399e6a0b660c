package io.rocketcamel.examples.demo;

/** One pattern of the demo: drives real data through its routes, then checks the end state it must reach. */
public interface DemoScenario {

    /** Short name for progress lines and the summary. */
    String name();

    ScenarioResult run(DemoConsole console) throws Exception;
}

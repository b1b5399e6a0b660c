package io.rocketcamel.examples.demo;

import java.util.ArrayList;
import java.util.List;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs every pattern once at start-up and prints what happens, then a summary. With {@code rocketcamel.demo.exit=true}
 * the app stops afterwards with exit code 0 only when every pattern passed, and the last line it prints is
 * {@code DEMO SUMMARY: N patterns passed, M failed}.
 */
@Component
// the load mode (rocketcamel.load.scenario) drives the same routes instead
@ConditionalOnExpression("${rocketcamel.demo.enabled:true} and '${rocketcamel.load.scenario:}' == ''")
public class DemoRunner implements ApplicationRunner, ApplicationListener<ContextClosedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    private final List<DemoScenario> scenarios;
    private final ConsumerLagReport lags;
    private final ConfigurableApplicationContext context;
    private final boolean exit;
    private final Environment environment;
    /** Where the demo is, for a stop before its end (Ctrl-C): the pattern running, and those that ran. */
    private volatile String running;
    private volatile int ran;
    private volatile int passed;
    private volatile boolean finished;
    /** The application is stopping: a pattern that fails now was cut short, and no other starts. */
    private volatile boolean stopping;

    public DemoRunner(List<DemoScenario> scenarios, ConsumerLagReport lags, ConfigurableApplicationContext context,
            @Value("${rocketcamel.demo.exit:false}") boolean exit, Environment environment) {
        this.scenarios = scenarios;
        this.lags = lags;
        this.context = context;
        this.exit = exit;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> summary = new ArrayList<>();
        for (DemoScenario scenario : scenarios) {
            if (stopping) {
                return;
            }
            running = scenario.name();
            DemoConsole console = new DemoConsole(scenario.name());
            long begin = System.nanoTime();
            ScenarioResult result;
            try {
                result = scenario.run(console);
            } catch (Exception e) {
                result = new ScenarioResult(false, List.of("FAIL " + e));
            }
            if (stopping) {
                return;
            }
            long millis = (System.nanoTime() - begin) / 1_000_000;
            result.facts().forEach(fact -> console.stage("%s", fact));
            console.stage("%s in %d ms", result.passed() ? "PASSED" : "FAILED", millis);
            summary.add(String.format("  %-18s %s (%d ms)", scenario.name(), result.passed() ? "passed" : "FAILED", millis));
            passed += result.passed() ? 1 : 0;
            ran++;
        }
        finished = true;
        int failed = scenarios.size() - passed;
        summary.forEach(LOG::info);
        lags.lines().forEach(LOG::info);
        String last = "DEMO SUMMARY: " + passed + " patterns passed, " + failed + " failed";
        if (exit) {
            int code = SpringApplication.exit(context, () -> failed == 0 ? 0 : 1);
            // After the context (and its broker) closed, so that this is the last line.
            System.out.println(last);
            System.exit(code);
        }
        LOG.info(last);
        LOG.info("The routes keep running; stop with Ctrl-C.");
        String port = environment.getProperty("local.server.port");
        if (port != null && environment.getProperty("rocketcamel.console.enabled", Boolean.class, false)) {
            LOG.info("Operations console: http://{}:{}{}/", environment.getProperty("server.address", "localhost"), port,
                    environment.getProperty("rocketcamel.console.path", "/rocketcamel"));
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    /** The app stopped before the demo's end (Ctrl-C): it ended without a word on what had run. */
    @PreDestroy
    void reportInterruption() {
        String line = interruption();
        if (line != null) {
            System.out.println(line);
        }
    }

    /** @return where the demo stopped and what had run; null before it began and after its end */
    String interruption() {
        if (running == null || finished) {
            return null;
        }
        int done = ran;
        int ok = passed;
        return "DEMO INTERRUPTED during " + running + ": " + done + " of " + scenarios.size() + " patterns ran, "
               + ok + " passed, " + (done - ok) + " failed";
    }
}

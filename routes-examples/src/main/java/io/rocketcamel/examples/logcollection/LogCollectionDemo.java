package io.rocketcamel.examples.logcollection;

import io.rocketcamel.component.rocketmq.RocketMQConstants;
import io.rocketcamel.examples.deadletter.DeadLetters;
import io.rocketcamel.examples.demo.Await;
import io.rocketcamel.examples.demo.DemoConsole;
import io.rocketcamel.examples.demo.DemoScenario;
import io.rocketcamel.examples.demo.ScenarioResult;
import io.rocketcamel.examples.demo.ScenarioResult.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Publishes mixed-level logs plus one malformed event and checks who received what. */
@Component
@Order(2)
public class LogCollectionDemo implements DemoScenario {

    private static final String[] LEVELS = {"INFO", "WARN", "ERROR", "DEBUG"};
    private static final String[] SERVICES = {"orders", "payment", "inventory"};
    private static final String MALFORMED = "{\"id\": \"broken";

    private final ProducerTemplate producer;
    private final ErrorStore errors;
    private final SlowCallAlerts alerts;
    private final DeadLetters deadLetters;

    public LogCollectionDemo(ProducerTemplate producer, ErrorStore errors, SlowCallAlerts alerts, DeadLetters deadLetters) {
        this.producer = producer;
        this.errors = errors;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
    }

    @Override
    public String name() {
        return "log-collection";
    }

    @Override
    public ScenarioResult run(DemoConsole console) {
        return run(console, 400);
    }

    public ScenarioResult run(DemoConsole console, int events) {
        Random random = new Random(42);
        Set<String> expectedErrors = new HashSet<>();
        Set<String> expectedAlerts = new HashSet<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < events; i++) {
            LogEvent event = new LogEvent(run + "-" + i, SERVICES[random.nextInt(SERVICES.length)], LEVELS[random.nextInt(LEVELS.length)],
                    "event " + i, random.nextInt(1000));
            producer.sendBody(LogCollectionRoutes.PUBLISH, event);
            if (event.level().equals("ERROR")) {
                expectedErrors.add(event.id());
            }
            if (event.service().equals("payment") && event.latencyMs() > 500) {
                expectedAlerts.add(event.id());
            }
        }
        // counted by their body: other events the collectors cannot keep are parked there too
        long deadBefore = malformedParked();
        producer.sendBodyAndHeader("rocketmq:" + LogCollectionRoutes.TOPIC, MALFORMED, RocketMQConstants.TAGS, "ERROR");
        console.stage("published %d log events (%d ERROR, %d slow payment calls) and 1 malformed ERROR event",
                events, expectedErrors.size(), expectedAlerts.size());

        Await.until(Duration.ofSeconds(60), () -> stored(run).containsAll(expectedErrors)
                && alertIds(run).containsAll(expectedAlerts)
                && malformedParked() > deadBefore);

        List<String> stored = stored(run);
        Map<String, Long> perCollector = errors.countByCollector(run + "-");
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(stored.size() == expectedErrors.size() && new HashSet<>(stored).equals(expectedErrors),
                "ERROR events stored exactly once: " + stored.size() + " of " + expectedErrors.size()));
        checks.add(new Check(perCollector.size() == LogCollectionRoutes.ERROR_COLLECTORS
                        && perCollector.values().stream().allMatch(n -> n > 0),
                "both collectors of group log-errors shared the load: " + perCollector));
        checks.add(new Check(new HashSet<>(alertIds(run)).equals(expectedAlerts) && alertIds(run).size() == expectedAlerts.size(),
                "SQL92 group log-alerts got exactly the slow payment calls: " + alertIds(run).size()));
        checks.add(new Check(malformedParked() == deadBefore + 1,
                "malformed event dead-lettered: " + deadLetters.all().stream().filter(this::isMalformed)
                        .map(d -> d.reason()).findFirst().orElse("none")));
        return ScenarioResult.of(checks);
    }

    private long malformedParked() {
        return deadLetters.all().stream().filter(this::isMalformed).count();
    }

    private boolean isMalformed(DeadLetters.DeadLetter letter) {
        return letter.source().startsWith("error-collector") && letter.body().equals(MALFORMED);
    }

    private List<String> stored(String run) {
        return errors.eventIds().stream().filter(id -> id.startsWith(run)).toList();
    }

    private List<String> alertIds(String run) {
        return alerts.raised().stream().map(LogEvent::id).filter(id -> id.startsWith(run)).toList();
    }
}

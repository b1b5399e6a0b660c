package io.rocketcamel.examples.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocketcamel.examples.demo.ConsumerLagReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The load mode: {@code --rocketcamel.load.scenario=order-saga|cdc|delayed-tasks} drives that scenario through the
 * demo's routes instead of running the demo, at {@code rocketcamel.load.rate} units a minute (default: the article's
 * target) for {@code rocketcamel.load.warm-up}, not measured, then for {@code rocketcamel.load.duration}, writes {@code load-<scenario>.json} into {@code rocketcamel.load.out}
 * and exits. The load begins after {@code rocketcamel.load.start-delay}, or once {@code rocketcamel.load.start-file}
 * exists. Lines {@code LOAD READY}, {@code LOAD RUNNING} and {@code LOAD RESULT <file>} mark its stages.
 */
@Component
@ConditionalOnProperty(name = "rocketcamel.load.scenario")
public class LoadRunner implements ApplicationRunner {

    private final List<LoadScenario> scenarios;
    private final CamelContext camel;
    private final ConsumerLagReport lags;
    private final ObjectMapper json;
    private final ConfigurableApplicationContext context;
    private final String name;
    private final double rate;
    private final Duration warmUp;
    private final Duration duration;
    private final Duration startDelay;
    private final Path startFile;
    private final int workers;
    private final Path out;
    private final Duration drain;

    public LoadRunner(List<LoadScenario> scenarios, CamelContext camel, ConsumerLagReport lags, ObjectMapper json,
            ConfigurableApplicationContext context, @Value("${rocketcamel.load.scenario}") String name,
            @Value("${rocketcamel.load.rate:0}") double rate, @Value("${rocketcamel.load.warm-up:20s}") Duration warmUp,
            @Value("${rocketcamel.load.duration:60s}") Duration duration,
            @Value("${rocketcamel.load.start-delay:0s}") Duration startDelay,
            @Value("${rocketcamel.load.start-file:}") String startFile, @Value("${rocketcamel.load.workers:32}") int workers,
            @Value("${rocketcamel.load.out:target/load}") Path out, @Value("${rocketcamel.load.drain:150s}") Duration drain) {
        this.scenarios = scenarios;
        this.camel = camel;
        this.lags = lags;
        this.json = json;
        this.context = context;
        this.name = name;
        this.rate = rate;
        this.warmUp = warmUp;
        this.duration = duration;
        this.startDelay = startDelay;
        this.startFile = startFile.isBlank() ? null : Path.of(startFile);
        this.workers = workers;
        this.out = out;
        this.drain = drain;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        LoadScenario scenario = scenarios.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rocketcamel.load.scenario=" + name + " is no scenario; known: "
                        + scenarios.stream().map(LoadScenario::name).toList()));
        System.out.println("LOAD READY " + name);
        LoadStart.await(startDelay, startFile);
        double perMinute = rate > 0 ? rate : scenario.targetPerMinute();
        System.out.printf("LOAD RUNNING %s at %,.0f a minute for %d s after a warm-up of %d s%n", name, perMinute,
                duration.toSeconds(), warmUp.toSeconds());
        ObjectNode result = new LoadRun(scenario, camel, lags, json)
                .execute(new LoadRun.Settings(perMinute, warmUp, duration, workers, drain));
        Files.createDirectories(out);
        Path file = out.resolve("load-" + name + ".json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
        System.out.println(result.path("summary").asText());
        System.out.println("LOAD RESULT " + file.toAbsolutePath());
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}

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

    private final CamelContext camel;
    private final ConsumerLagReport lags;
    private final ObjectMapper json;
    private final ConfigurableApplicationContext context;
    private final LoadScenario scenario;
    private final LoadRun.Settings settings;
    private final Duration startDelay;
    private final Path startFile;
    private final Path out;

    public LoadRunner(List<LoadScenario> scenarios, CamelContext camel, ConsumerLagReport lags, ObjectMapper json,
            ConfigurableApplicationContext context, @Value("${rocketcamel.load.scenario}") String name,
            @Value("${rocketcamel.load.rate:}") String rate, @Value("${rocketcamel.load.warm-up:20s}") Duration warmUp,
            @Value("${rocketcamel.load.duration:60s}") Duration duration,
            @Value("${rocketcamel.load.start-delay:0s}") Duration startDelay,
            @Value("${rocketcamel.load.start-file:}") String startFile, @Value("${rocketcamel.load.workers:32}") int workers,
            @Value("${rocketcamel.load.out:target/load}") Path out, @Value("${rocketcamel.load.drain:150s}") Duration drain) {
        this.camel = camel;
        this.lags = lags;
        this.json = json;
        this.context = context;
        // refused as the application starts, not once it has started the scenario's routes and services
        this.scenario = scenarios.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rocketcamel.load.scenario=" + name + " is no scenario;"
                        + " known: " + scenarios.stream().map(LoadScenario::name).toList()));
        this.settings = settings(rate, scenario.targetPerMinute(), warmUp, duration, workers, drain);
        this.startDelay = startDelay;
        this.startFile = startFile.isBlank() ? null : Path.of(startFile);
        this.out = out;
    }

    /**
     * @param rate units a minute as given; blank for the scenario's target
     * @throws IllegalArgumentException naming the property whose value is out of range: a rate of 0 or less ran the
     *                                  scenario at its full target without a word
     */
    static LoadRun.Settings settings(String rate, double target, Duration warmUp, Duration duration, int workers,
                                     Duration drain) {
        double perMinute = target;
        if (!rate.isBlank()) {
            try {
                perMinute = Double.parseDouble(rate.trim());
            } catch (NumberFormatException e) {
                perMinute = Double.NaN;
            }
            if (!(perMinute > 0) || Double.isInfinite(perMinute)) {
                throw new IllegalArgumentException("rocketcamel.load.rate=" + rate + ": units a minute, a number"
                                                   + " above 0 (leave it out for the scenario's target, "
                                                   + (long) target + ")");
            }
        }
        refuseIf(warmUp.isNegative(), "warm-up", warmUp, "0s or longer");
        refuseIf(duration.isNegative() || duration.isZero(), "duration", duration, "longer than 0s");
        refuseIf(workers < 1 || workers > 1000, "workers", workers, "1 to 1000 caller threads");
        refuseIf(drain.isNegative() || drain.isZero(), "drain", drain, "longer than 0s");
        return new LoadRun.Settings(perMinute, warmUp, duration, workers, drain);
    }

    private static void refuseIf(boolean refused, String property, Object value, String allowed) {
        if (refused) {
            throw new IllegalArgumentException("rocketcamel.load." + property + "=" + value + ": " + allowed);
        }
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        String name = scenario.name();
        System.out.println("LOAD READY " + name);
        LoadStart.await(startDelay, startFile);
        System.out.printf("LOAD RUNNING %s at %,.0f a minute for %d s after a warm-up of %d s%n", name,
                settings.perMinute(), settings.duration().toSeconds(), settings.warmUp().toSeconds());
        ObjectNode result = new LoadRun(scenario, camel, lags, json).execute(settings);
        Files.createDirectories(out);
        Path file = out.resolve("load-" + name + ".json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
        System.out.println(result.path("summary").asText());
        System.out.println("LOAD RESULT " + file.toAbsolutePath());
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}

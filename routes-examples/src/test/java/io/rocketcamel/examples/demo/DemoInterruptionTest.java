package io.rocketcamel.examples.demo;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopped mid-demo (Ctrl-C), the app ended without a word on what had run: no summary (found by an outside audit).
 */
class DemoInterruptionTest {

    @Test
    void aDemoStoppedMidwaySaysWhereItStoppedAndWhatHadRun() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DemoScenario quick = scenario("order saga", () -> true);
        DemoScenario slow = scenario("delayed tasks", () -> {
            running.countDown();
            release.await(30, TimeUnit.SECONDS);
            return false;
        });
        DemoRunner runner = new DemoRunner(List.of(quick, slow, scenario("cdc sync", () -> true)), null, null, false,
                null);
        CompletableFuture<Void> demo = CompletableFuture.runAsync(() -> runner.run(null));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(runner.interruption()).isEqualTo("DEMO INTERRUPTED during delayed tasks: 1 of 3 patterns ran,"
                                                   + " 1 passed, 0 failed");
        // the stop fails the pattern in flight (its routes stop): it was cut short, not failed, and no other starts
        runner.onApplicationEvent(null);
        release.countDown();
        demo.get(30, TimeUnit.SECONDS);
        assertThat(runner.interruption()).isEqualTo("DEMO INTERRUPTED during delayed tasks: 1 of 3 patterns ran,"
                                                   + " 1 passed, 0 failed");
        assertThat(started).containsExactly("order saga", "delayed tasks");
    }

    @Test
    void aDemoThatHasNotStartedOrHasFinishedSaysNothing() {
        DemoRunner runner = new DemoRunner(List.of(scenario("order saga", () -> true)), null, null, false, null);
        assertThat(runner.interruption()).isNull();
    }

    private interface Outcome {
        boolean passed() throws Exception;
    }

    private final List<String> started = new CopyOnWriteArrayList<>();

    private DemoScenario scenario(String name, Outcome outcome) {
        return new DemoScenario() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ScenarioResult run(DemoConsole console) throws Exception {
                started.add(name);
                return new ScenarioResult(outcome.passed(), List.of());
            }
        };
    }
}

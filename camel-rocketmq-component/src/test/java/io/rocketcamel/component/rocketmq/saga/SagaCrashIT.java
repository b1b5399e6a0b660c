package io.rocketcamel.component.rocketmq.saga;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.rocketcamel.component.rocketmq.SagaITSupport;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service JVM killed with kill -9 while its sagas are open and one of its completion callbacks is in progress; the
 * service restarted (on the same host, with the same client instance name) finishes every saga: the log holds one
 * success per callback, the interrupted one ran again, and a callback that had succeeded before the kill ran again
 * only when the kill cut off the write of its SUCCEEDED event (the window the guarantees name).
 */
class SagaCrashIT extends SagaITSupport {

    private static final List<String> COMPLETING = List.of("completing-0", "completing-1", "completing-2");
    private static final List<String> TIMING_OUT = List.of("timing-out-0", "timing-out-1", "timing-out-2");

    @TempDir
    Path dir;

    @Test
    void aSagaServiceKilledMidWayIsFinishedByItsRestartEachCallbackSucceedingOnce() throws Exception {
        String topic = sagaTopic();
        String participant = unique("crash");
        String instanceName = participant + "-host";
        Path record = dir.resolve("callbacks.txt");
        Path output = dir.resolve("child.log");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", testClassPath(), SagaCrashChild.class.getName(), broker.getNamesrvAddr(), topic, participant,
                instanceName, record.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long pid = child.pid();
        try {
            // the blocked callback can begin while the child still starts its last sagas: a saga whose completion
            // the kill cut off is compensated after the restart, rightly, but this test wants all six decided
            await().atMost(seconds(60)).until(() -> !child.isAlive()
                                                    || entered(lines(record), "do-a " + SagaCrashChild.BLOCKED) > 0
                                                       && read(output).contains("STARTED"));
            assertThat(child.isAlive()).as(() -> "the child died early: " + read(output)).isTrue();
        } finally {
            // SIGKILL through the child's own handle: it sends nothing once the child has exited and been reaped,
            // when its PID may belong to another process
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        List<String> beforeRestart = lines(record);

        CamelContext restarted = newContext();
        restarted.addService(SagaCrashChild.service(topic, participant, instanceName));
        restarted.addRoutes(new CrashRoutes(record, "none"));
        restarted.start();
        try {
            await().atMost(seconds(60)).untilAsserted(() -> assertThat(Set.copyOf(succeeded(lines(record))))
                    .as(() -> "callbacks recorded: " + read(record)).hasSize(12));
            long successes = succeeded(lines(record)).size();
            await().during(Duration.ofSeconds(2)).atMost(seconds(5)).until(() -> succeeded(lines(record)).size() == successes);
        } finally {
            closeInBackground(restarted);
        }

        List<String> all = lines(record);
        List<String> expected = new ArrayList<>();
        COMPLETING.forEach(saga -> expected.addAll(List.of("do-a " + saga, "do-b " + saga)));
        TIMING_OUT.forEach(saga -> expected.addAll(List.of("undo-a " + saga, "undo-b " + saga)));
        Map<String, Long> logged = successesInTheLog(topic);
        assertThat(logged.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(logged.values()).as("one SUCCEEDED event per callback: none ran again once its success was in the log: "
                                       + logged).allMatch(count -> count == 1);
        Map<String, List<Long>> runs = succeeded(all).stream().distinct().collect(Collectors.toMap(callback -> callback,
                callback -> successPids(all, callback), (a, b) -> a, TreeMap::new));
        // the documented window: a success of the child whose SUCCEEDED event the kill cut off (callbacks of other
        // queues go on while the blocked one waits) runs again after the restart, and only such a success
        assertThat(runs).as("the pids of each callback's successes: " + all).allSatisfy((callback, pids) ->
                assertThat(pids.size() == 1 || pids.equals(List.of(pid, ProcessHandle.current().pid())))
                        .as("%s succeeded in %s", callback, pids).isTrue());
        assertThat(entered(all, "do-a " + SagaCrashChild.BLOCKED)).as("the interrupted callback ran again").isEqualTo(2);
        System.out.printf("Saga crash test: %d callbacks succeeded before the kill -9 of pid %d, %d after the restart;"
                          + " %d entered in all (1 interrupted by the kill); %d ran again, their SUCCEEDED cut off%n",
                succeeded(beforeRestart).size(), pid, succeeded(all).size() - succeeded(beforeRestart).size(), entries(all),
                runs.values().stream().filter(pids -> pids.size() > 1).count());
        all.forEach(line -> System.out.println("  " + line));
    }

    /** How many SUCCEEDED events the saga log holds per callback, as "(callback) (saga name)". */
    private Map<String, Long> successesInTheLog(String topic) {
        List<SagaEvent> events = broker.messages(topic).stream().map(message -> SagaEvent.fromBytes(message.getBody())).toList();
        Map<String, SagaEvent> joined = events.stream().filter(event -> event.type() == SagaEvent.Type.JOINED)
                .collect(Collectors.toMap(SagaEvent::stepId, event -> event));
        return events.stream().filter(event -> event.type() == SagaEvent.Type.SUCCEEDED).map(event -> {
            SagaEvent step = joined.get(event.stepId());
            String endpoint = event.action() == SagaEvent.Action.COMPLETION ? step.completion() : step.compensation();
            return endpoint.replaceFirst("^direct:(//)?", "") + " " + step.options().get("name");
        }).collect(Collectors.groupingBy(callback -> callback, TreeMap::new, Collectors.counting()));
    }

    /** The pids of the processes in which the callback succeeded, in order. */
    private static List<Long> successPids(List<String> lines, String callback) {
        return lines.stream().filter(line -> line.startsWith("OK " + callback + " "))
                .map(line -> Long.parseLong(line.substring(line.lastIndexOf("pid=") + 4))).toList();
    }

    /** The test JVM's class path: the child runs the same classes. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null ? surefire : System.getProperty("java.class.path");
    }

    /** The callbacks that succeeded, as "(callback) (saga name)", one per success. */
    private static List<String> succeeded(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("OK ")).map(line -> {
            String[] words = line.split(" ");
            return words[1] + " " + words[2];
        }).toList();
    }

    private static long entered(List<String> lines, String callback) {
        return lines.stream().filter(line -> line.startsWith("ENTER " + callback + " ")).count();
    }

    private static long entries(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("ENTER ")).count();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no output)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

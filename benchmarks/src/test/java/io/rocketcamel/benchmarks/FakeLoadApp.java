package io.rocketcamel.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the examples app's load mode in {@link ExamplesLoadIT}: waits the start delay it is given, as the
 * app does, then holds {@value #HELD_MIB} MiB of heap while its "load" runs, long enough for several samples, writes
 * its result (with the rate it was given, else its target of 1,200 a minute) where {@code --rocketcamel.load.out} says, prints the lines the real app prints and stays up until killed.
 */
public final class FakeLoadApp {

    static final int HELD_MIB = 64;

    private FakeLoadApp() {
    }

    private static byte[][] hold(int mib) {
        byte[][] held = new byte[mib][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new byte[1 << 20];
        }
        return held;
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        long startDelaySeconds = 0;
        Path startFile = null;
        String rate = "1200";
        for (String arg : args) {
            if (arg.startsWith("--rocketcamel.load.rate=")) {
                rate = arg.substring(arg.indexOf('=') + 1);
            }
            if (arg.startsWith("--rocketcamel.load.out=")) {
                out = Path.of(arg.substring(arg.indexOf('=') + 1));
            }
            if (arg.startsWith("--rocketcamel.load.start-file=")) {
                startFile = Path.of(arg.substring(arg.indexOf('=') + 1));
            }
            if (arg.startsWith("--rocketcamel.load.start-delay=")) {
                startDelaySeconds = Long.parseLong(arg.substring(arg.indexOf('=') + 1).replace("s", ""));
            }
        }
        System.out.println("LOAD READY fake");
        // as the real app: its load begins once the start file appears (the benchmark creates it after its sample at
        // rest), the start delay being the longest wait, and lasts 3 s, long enough for several of the benchmark's 1 s
        // samples
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startDelaySeconds);
        Path signal = startFile;
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<Void> started = new CompletableFuture<>();
        clock.scheduleWithFixedDelay(() -> {
            if (signal != null && Files.exists(signal) || System.nanoTime() >= deadline) {
                started.complete(null);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        started.get();
        byte[][] held = hold(HELD_MIB);
        CompletableFuture<Void> loadRun = new CompletableFuture<>();
        clock.schedule(() -> loadRun.complete(null), 3, TimeUnit.SECONDS);
        loadRun.get();
        clock.shutdown();
        System.out.println("held " + held.length + " MiB");
        Path result = out.resolve("load-fake.json");
        Files.writeString(result, "{\"scenario\": \"fake\", \"summary\": \"done\", \"completedPerMinute\": 60, \"targetPerMinute\": 1200,"
                                  + " \"offeredPerMinute\": " + rate + "}");
        System.out.println("LOAD RESULT " + result);
        new CountDownLatch(1).await();
    }
}

package io.rocketcamel.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the examples app's load mode in {@link ExamplesLoadIT}: waits the start delay it is given, as the
 * app does, then holds {@value #HELD_MIB} MiB of heap while its "load" runs, long enough for several samples, writes
 * its result where {@code --rocketcamel.load.out} says, prints the lines the real app prints and stays up until killed.
 */
public final class FakeLoadApp {

    static final int HELD_MIB = 64;

    private FakeLoadApp() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        long startDelaySeconds = 0;
        for (String arg : args) {
            if (arg.startsWith("--rocketcamel.load.out=")) {
                out = Path.of(arg.substring(arg.indexOf('=') + 1));
            }
            if (arg.startsWith("--rocketcamel.load.start-delay=")) {
                startDelaySeconds = Long.parseLong(arg.substring(arg.indexOf('=') + 1).replace("s", ""));
            }
        }
        System.out.println("LOAD READY fake");
        // the real app's start delay, in which the benchmark attaches and samples it at rest (a fixed 2 s was too short
        // for the attach on a machine with a load average of 14)
        Thread.sleep(startDelaySeconds * 1000);
        byte[][] held = new byte[HELD_MIB][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new byte[1 << 20];
        }
        Thread.sleep(3000);
        System.out.println("held " + held.length + " MiB");
        Path result = out.resolve("load-fake.json");
        Files.writeString(result, "{\"scenario\": \"fake\", \"summary\": \"done\", \"completedPerMinute\": 60}");
        System.out.println("LOAD RESULT " + result);
        new CountDownLatch(1).await();
    }
}

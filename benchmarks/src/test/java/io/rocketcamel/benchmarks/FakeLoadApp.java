package io.rocketcamel.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the examples app's load mode in {@link ExamplesLoadIT}: holds {@value #HELD_MIB} MiB of heap while
 * its "load" runs, long enough for several samples, writes its result where {@code --rocketcamel.load.out} says,
 * prints the lines the real app prints and stays up until killed.
 */
public final class FakeLoadApp {

    static final int HELD_MIB = 64;

    private FakeLoadApp() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        for (String arg : args) {
            if (arg.startsWith("--rocketcamel.load.out=")) {
                out = Path.of(arg.substring(arg.indexOf('=') + 1));
            }
        }
        System.out.println("LOAD READY fake");
        // the sample at rest comes after a GC: this is the start delay, not a synchronisation
        Thread.sleep(2000);
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

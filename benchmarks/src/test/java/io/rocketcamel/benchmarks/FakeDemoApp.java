package io.rocketcamel.benchmarks;

import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the examples app in {@link ExamplesAppIT}: holds {@value #HELD_MIB} MiB of heap while its "demo" runs,
 * long enough for several samples, then lets go of it, prints the summary and stays up until killed. With an exit
 * code as its argument it exits at once, silently, as an app that dies at start.
 */
public final class FakeDemoApp {

    static final int HELD_MIB = 64;
    static final String SUMMARY = "DEMO SUMMARY: 1 patterns passed, 0 failed";

    private FakeDemoApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.exit(Integer.parseInt(args[0]));
        }
        System.out.println("started");
        byte[][] held = new byte[HELD_MIB][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new byte[1 << 20];
        }
        // the samples every 250 ms must see the held heap; this is the "demo's" duration, not a synchronisation
        Thread.sleep(1500);
        System.out.println("held " + held.length + " MiB");
        held = null;
        System.out.println("12:00:00.000 INFO  demo - " + SUMMARY);
        new CountDownLatch(1).await();
    }
}

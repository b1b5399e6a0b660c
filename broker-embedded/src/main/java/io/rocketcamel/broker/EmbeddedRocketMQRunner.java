package io.rocketcamel.broker;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar broker-embedded.jar [--port 9876] [--store DIR] [--sync-flush]}: a development name server and
 * broker. Prints the name server address as {@code host:port} on one line of standard output, then runs until
 * SIGTERM or Ctrl-C.
 */
public final class EmbeddedRocketMQRunner {

    private EmbeddedRocketMQRunner() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(RunnerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(RunnerOptions.USAGE);
            return;
        }
        EmbeddedRocketMQBroker broker;
        try {
            broker = options.builder().start();
        } catch (RuntimeException e) {
            System.err.println("Could not start the broker: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            // A clean stop leaves no abort marker, so the next start skips recovery.
            EmbeddedRocketMQBroker.awaitBackgroundShutdown(Duration.ofSeconds(30));
            stopped.countDown();
        }, "rocketcamel-broker-stop"));
        PrintStream out = System.out;
        out.println(broker.getNamesrvAddr());
        out.flush();
        stopped.await();
    }

    /** Command-line options, parsed strictly so that a typo does not start a broker with defaults. */
    record RunnerOptions(int port, Path store, boolean syncFlush, boolean help) {

        static final String USAGE = "Usage: java -jar broker-embedded.jar [--port 9876] [--store DIR] [--sync-flush]\n"
                + "  --port N       name server port (default 9876; 0 picks a free port)\n"
                + "  --store DIR    keep the store in DIR across restarts (default: a temporary directory)\n"
                + "  --sync-flush   flush every message to disk before acknowledging it";

        static RunnerOptions parse(String[] args) {
            int port = 9876;
            Path store = null;
            boolean syncFlush = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = parsePort(valueOf(args, ++i, "--port"));
                    case "--store" -> store = Path.of(valueOf(args, ++i, "--store"));
                    case "--sync-flush" -> syncFlush = true;
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "'");
                }
            }
            return new RunnerOptions(port, store, syncFlush, help);
        }

        private static String valueOf(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the allowed range
            }
            throw new IllegalArgumentException("--port must be 0..65535, was '" + value + "'");
        }

        EmbeddedRocketMQBroker.Builder builder() {
            return EmbeddedRocketMQBroker.builder().namesrvPort(port).storeDir(store).syncFlush(syncFlush);
        }
    }
}

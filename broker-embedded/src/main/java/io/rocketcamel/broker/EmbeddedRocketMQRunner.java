package io.rocketcamel.broker;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code java -jar broker-embedded.jar [options]}: a development name server and broker, or one node of a cluster of
 * processes (a name server alone, a master, a slave). Once everything it started is up it prints one line to
 * standard output:
 *
 * <pre>
 * READY namesrv=127.0.0.1:9876 broker=broker-a:0:SYNC_MASTER@127.0.0.1:10911 pid=4242
 * </pre>
 *
 * space-separated {@code key=value} tokens: {@code namesrv} the address clients use (the name server this process
 * started, or the {@code --namesrv} it registered with), one {@code broker} token per broker of this process
 * ({@code name:brokerId:role@host:port}), {@code pid} this process. Then it runs until SIGTERM or Ctrl-C, on which it
 * persists its state and stops cleanly (exit code 143); {@code kill -9} leaves a store that the next start recovers.
 * Options are in {@link RunnerOptions#USAGE}; a bad option exits with code 2 and a message naming it.
 */
public final class EmbeddedRocketMQRunner {

    private EmbeddedRocketMQRunner() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunnerOptions options;
        EmbeddedRocketMQBroker.Builder builder;
        try {
            options = RunnerOptions.parse(args);
            builder = options.help() ? null : options.builder();
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
            broker = builder.start();
        } catch (RuntimeException e) {
            System.err.println("Could not start: " + e.getMessage());
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
        out.println(readyLine(broker));
        out.flush();
        stopped.await();
    }

    static String readyLine(EmbeddedRocketMQBroker broker) {
        String brokers = broker.getBrokers().stream().map(b -> " broker=" + b).collect(Collectors.joining());
        return "READY namesrv=" + broker.getNamesrvAddr() + brokers + " pid=" + ProcessHandle.current().pid();
    }
}

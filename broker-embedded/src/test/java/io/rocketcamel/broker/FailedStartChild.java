package io.rocketcamel.broker;

import java.nio.file.Files;
import java.time.Duration;

/**
 * A JVM whose broker start fails on a taken port ({@code fail-on-port PORT}), or that starts a second broker after
 * closing a first ({@code second-broker}), on temporary stores. It prints
 * {@code READY log=<RocketMQ's log file> exists=<whether it exists>} once every teardown has ended (the first
 * broker's temporary store is deleted by then) and returns from main.
 */
public final class FailedStartChild {

    public static void main(String[] args) {
        if (args[0].equals("fail-on-port")) {
            try {
                EmbeddedRocketMQBroker.builder().brokerPort(Integer.parseInt(args[1])).start().close();
                System.out.println("UNEXPECTED the broker started");
            } catch (EmbeddedBrokerException expected) {
                System.out.println("FAILED " + expected.getMessage());
            }
            EmbeddedRocketMQBroker.awaitBackgroundShutdown(Duration.ofSeconds(60));
            printLog();
            return;
        }
        EmbeddedRocketMQBroker.builder().start().close();
        EmbeddedRocketMQBroker.awaitBackgroundShutdown(Duration.ofSeconds(60));
        try (EmbeddedRocketMQBroker second = EmbeddedRocketMQBroker.builder().start()) {
            printLog();
        }
    }

    private static void printLog() {
        System.out.println("READY log=" + Logs.file() + " exists=" + Files.isRegularFile(Logs.file()));
        System.out.flush();
    }
}

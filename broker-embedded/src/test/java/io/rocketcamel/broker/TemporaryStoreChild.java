package io.rocketcamel.broker;

import static org.awaitility.Awaitility.await;

import io.rocketcamel.testsupport.TestClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.rocketmq.common.message.Message;

/**
 * A JVM that starts a broker on a temporary store (or on the store directory given as the second argument) and writes
 * one message to it, then closes the broker and returns from main ({@code close-and-return}), or closes it and calls
 * {@code System.exit} at once ({@code close-and-exit}, as a benchmark or a test fork does), or exits and closes it
 * in a shutdown hook ({@code exit-closing-in-hook}, as a Spring Boot app does; {@code exit-closing-late-in-hook}
 * once the store's own exit hook has emptied the store, as one whose routes take a while to stop), or prints
 * {@code READY store=...} and waits to be killed ({@code serve}).
 */
public final class TemporaryStoreChild {

    public static void main(String[] args) throws Exception {
        EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder()
                .storeDir(args.length > 1 ? Path.of(args[1]) : null).start();
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            clients.producer().send(new Message("temporary-store", "x".getBytes(StandardCharsets.UTF_8)));
        }
        if (args[0].startsWith("exit-closing")) {
            boolean late = args[0].equals("exit-closing-late-in-hook");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (late) {
                    // as a Spring Boot app's hook stops its Camel routes before it closes the broker bean: the
                    // store's own exit hook has emptied the store of the running broker by then
                    await().atMost(Duration.ofSeconds(30)).until(() -> onlyTheOwnerLock(broker.getStoreDir()));
                }
                broker.close();
            }));
            System.out.println("READY exiting store=" + broker.getStoreDir());
            System.exit(0);
        }
        if (args[0].startsWith("close-and-")) {
            broker.close();
            System.out.println("READY closed store=" + broker.getStoreDir());
            if (args[0].equals("close-and-exit")) {
                System.exit(0);
            }
            return;
        }
        System.out.println("READY store=" + broker.getStoreDir());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static boolean onlyTheOwnerLock(Path store) throws IOException {
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile).allMatch(f -> f.getFileName().toString().equals(".owner.lock"));
        }
    }
}

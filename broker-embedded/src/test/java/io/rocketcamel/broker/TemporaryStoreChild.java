package io.rocketcamel.broker;

import io.rocketcamel.testsupport.TestClients;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.apache.rocketmq.common.message.Message;

/**
 * A JVM that starts a broker on a temporary store and writes one message to it, then closes the broker and returns
 * from main ({@code close-and-return}), or closes it and calls {@code System.exit} at once ({@code close-and-exit}, as
 * a benchmark or a test fork does), or prints {@code READY store=...} and waits to be killed ({@code serve}).
 */
public final class TemporaryStoreChild {

    public static void main(String[] args) throws Exception {
        EmbeddedRocketMQBroker broker = EmbeddedRocketMQBroker.builder().start();
        try (TestClients clients = new TestClients(broker.getNamesrvAddr())) {
            clients.producer().send(new Message("temporary-store", "x".getBytes(StandardCharsets.UTF_8)));
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
}

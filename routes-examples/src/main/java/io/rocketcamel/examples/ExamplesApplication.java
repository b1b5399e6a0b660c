package io.rocketcamel.examples;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The seed article's patterns as Camel routes on RocketMQ. Without {@code camel.component.rocketmq.namesrv-addr} the
 * starter runs the embedded broker; with it, the same routes run against that cluster.
 */
@SpringBootApplication
public class ExamplesApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(ExamplesApplication.class, args);
        } catch (RuntimeException e) {
            // Spring Boot has reported why; a half-started server's threads would otherwise keep the JVM running
            System.exit(1);
        }
    }
}

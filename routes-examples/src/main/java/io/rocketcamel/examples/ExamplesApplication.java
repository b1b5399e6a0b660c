package io.rocketcamel.examples;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The source article's patterns as Camel routes on RocketMQ. Without {@code camel.component.rocketmq.namesrv-addr} the
 * starter runs the embedded broker; with it, the same routes run against that cluster.
 */
@SpringBootApplication
public class ExamplesApplication {

    public static void main(String[] args) {
        // The local OpenSearch node (CDC example) casts the Log4j API's context to log4j-core's. Spring Boot's
        // log4j-to-slf4j bridge would otherwise be chosen, and it must stay: Spring's own logging finds Logback
        // through it. Only OpenSearch logs through the Log4j API here.
        System.setProperty("log4j.provider", "org.apache.logging.log4j.core.impl.Log4jProvider");
        try {
            SpringApplication application = new SpringApplication(ExamplesApplication.class);
            application.addListeners(new FreePortCheck());
            application.run(args);
        } catch (RuntimeException e) {
            // Spring Boot has reported why; a half-started server's threads would otherwise keep the JVM running
            System.exit(1);
        }
    }
}

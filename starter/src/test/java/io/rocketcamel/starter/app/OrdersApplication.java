package io.rocketcamel.starter.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A user's application: the starter, a route class, nothing else. */
@SpringBootApplication
public class OrdersApplication {
}

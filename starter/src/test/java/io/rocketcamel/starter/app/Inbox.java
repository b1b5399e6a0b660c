package io.rocketcamel.starter.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/** What the consuming routes received, for the test to assert on. */
@Component
public class Inbox {

    private final List<String> orders = new CopyOnWriteArrayList<>();
    private final List<String> backlog = new CopyOnWriteArrayList<>();

    public void order(String body) {
        orders.add(body);
    }

    public void backlog(String body) {
        backlog.add(body);
    }

    public List<String> orders() {
        return orders;
    }

    public List<String> backlog() {
        return backlog;
    }
}

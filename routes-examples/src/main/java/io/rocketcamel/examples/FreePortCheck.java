package io.rocketcamel.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Refuses a web server port in use before anything starts: the server binds it last, after the broker, the databases
 * and the search node, so a second copy of the app failed about 35 s in.
 */
final class FreePortCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /** @throws IllegalStateException naming the port when something listens on it */
    static void check(Environment environment) {
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port <= 0) {
            return; // a random port, or no web server
        }
        String address = environment.getProperty("server.address");
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(address == null ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(address), port));
        } catch (IOException e) {
            throw new IllegalStateException("server.port=" + port + " is in use (" + e.getMessage() + "): another copy"
                                            + " of this app may be running; stop it, or start this one with"
                                            + " --server.port=<another port>", e);
        }
    }
}

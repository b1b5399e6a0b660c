package io.rocketcamel.testsupport;

import java.time.Duration;

/**
 * Timeouts for tests on a loaded 2-core CI machine, where the client's defaults fail runs that would pass on a
 * laptop.
 */
public final class Patience {

    /**
     * A first send looks the topic's route up and opens a connection: on a busy 2-core machine that alone has taken
     * over the client's default 3 s.
     */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How often test clients heartbeat and look routes up: the client's 30 s defaults let a start-up race stall a new
     * consumer for 30 s, and make a new topic or retry topic take as long to be seen.
     */
    public static final Duration CLIENT_INTERVAL = Duration.ofSeconds(1);

    private Patience() {
    }
}

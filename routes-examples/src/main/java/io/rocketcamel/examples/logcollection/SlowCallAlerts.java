package io.rocketcamel.examples.logcollection;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.stereotype.Component;

/** Alerts raised for slow payment calls; a real system would page someone. */
@Component
public class SlowCallAlerts {

    private final Queue<LogEvent> raised = new ConcurrentLinkedQueue<>();

    public void raise(LogEvent event) {
        raised.add(event);
    }

    public List<LogEvent> raised() {
        return List.copyOf(raised);
    }
}

package io.rocketcamel.examples.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rocketcamel.examples.demo.ConsumerLagReport;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * One scenario driven at a set rate for a set time: a pacer hands unit numbers to a pool of workers (the application's
 * callers), a sampler writes one timeline point a second (units started and finished, in flight, the p99 latency of
 * the second, the scenario's consumer lag, this JVM's CPU), then the run waits for the units in flight to finish.
 * Units not started within the time (the callers could not keep up) are not started at all.
 */
public final class LoadRun {

    /**
     * A recovering warm-up ends by this many times its set time: at 3 (60 s by default) the saga at 8,000 a minute
     * began its measured minute behind 234 units still in flight from a cold start, p99 830 ms instead of 41 ms.
     */
    private static final int WARM_UP_LIMIT = 6;

    /**
     * @param perMinute units to start per minute
     * @param warmUp    how long, at least, units are started at that rate before the measured ones (the JIT compiles
     *                  the routes and the clients meanwhile); longer while the last second's p99 is above the target
     *                  and the callers are not far behind the rate
     * @param duration  how long the measured units are started
     * @param workers   threads that start units: transactional sends and database writes wait, so several run at once
     * @param drain     how long, after the load, finishing may stall before units in flight count as lost
     */
    public record Settings(double perMinute, Duration warmUp, Duration duration, int workers, Duration drain) {
    }

    private final LoadScenario scenario;
    private final CamelContext camel;
    private final ConsumerLagReport lags;
    private final ObjectMapper json;
    private final Tracker tracker = new Tracker();
    private final AtomicReference<Exception> firstStartFailure = new AtomicReference<>();

    public LoadRun(LoadScenario scenario, CamelContext camel, ConsumerLagReport lags, ObjectMapper json) {
        this.scenario = scenario;
        this.camel = camel;
        this.lags = lags;
        this.json = json;
    }

    public ObjectNode execute(Settings settings) throws Exception {
        EventNotifierSupport completions = completions();
        camel.getManagementStrategy().addEventNotifier(completions);
        // Camel emits exchange events only where some notifier was there at start, unless told otherwise
        camel.getCamelContextExtension().setEventNotificationApplicable(true);
        completions.start();
        try {
            scenario.prepare(tracker);
            return drive(settings);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(completions);
            completions.stop();
        }
    }

    private EventNotifierSupport completions() {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                Exchange exchange = ((CamelEvent.ExchangeCompletedEvent) event).getExchange();
                if (exchange.getFromRouteId() != null) {
                    scenario.completed(exchange.getFromRouteId(), exchange, tracker);
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCompletedEvent;
            }
        };
        notifier.setIgnoreCamelContextEvents(true);
        notifier.setIgnoreRouteEvents(true);
        notifier.setIgnoreServiceEvents(true);
        notifier.setIgnoreExchangeCreatedEvent(true);
        notifier.setIgnoreExchangeSendingEvents(true);
        notifier.setIgnoreExchangeSentEvents(true);
        notifier.setIgnoreStepEvents(true);
        return notifier;
    }

    private ObjectNode drive(Settings settings) throws Exception {
        ObjectNode result = json.createObjectNode();
        ArrayNode timeline = result.putArray("timeline");
        Sampler sampler = new Sampler(timeline);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>());
        long interval = (long) (60e9 / settings.perMinute());
        long warmUpUnits = 0;
        int warmUpNotStarted = 0;
        long warmUpBegin = System.nanoTime();
        WarmUpState warmUp = null;
        if (!settings.warmUp().isZero()) {
            sampler.start("warm-up");
            warmUpUnits = pace(workers, 0, settings.warmUp(), interval, true);
            long limit = warmUpBegin + WARM_UP_LIMIT * settings.warmUp().toNanos();
            warmUp = warmUpState(timeline, workers, settings);
            while (warmUp == WarmUpState.RECOVERING && System.nanoTime() < limit) {
                warmUpUnits += pace(workers, warmUpUnits, Duration.ofSeconds(1), interval, true);
                warmUp = warmUpState(timeline, workers, settings);
            }
            // callers that could not keep up leave warm-up units queued: dropped, or the measured ones would wait
            // behind them (CDC at 500,000 a minute started none in its measured minute)
            warmUpNotStarted = workers.getQueue().drainTo(new ArrayList<>());
            sampler.phase("load");
        } else {
            sampler.start("load");
        }
        double warmUpSeconds = (System.nanoTime() - warmUpBegin) / 1e9;
        long inFlightAtStart = tracker.inFlight();
        double lastWarmUpP99 = lastP99(timeline);
        long finishedBefore = tracker.finished();
        MachineCpu machineBefore = MachineCpu.now();
        long begin = System.nanoTime();
        long offered = pace(workers, warmUpUnits, settings.duration(), interval, false);
        // units still queued are not started; units being started finish their start (an interrupt would fail a send
        // the broker may already have taken)
        int notStarted = workers.getQueue().drainTo(new ArrayList<>());
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        double loadSeconds = (System.nanoTime() - begin) / 1e9;
        long startedInTime = tracker.measuredStarted();
        sampler.phase("drain");
        awaitFinished(settings.drain());
        sampler.stop();
        int cores = Runtime.getRuntime().availableProcessors();
        // the CPU from the measured start on, against every unit finished meanwhile (the warm-up's last ones too)
        UnitCost cost = new UnitCost(MachineCpu.now().busyCoresSince(machineBefore, cores), (System.nanoTime() - begin) / 1e9,
                tracker.finished() - finishedBefore, scenario.targetPerMinute(), cores);
        Histogram latency = tracker.all();
        double startedPerMinute = startedInTime / loadSeconds * 60;
        double finishedPerMinute = finishingRate(timeline) * 60;
        long lost = tracker.inFlight();
        result.put("scenario", scenario.name())
                .put("summary", String.format("%,.0f/min started, %,.0f/min finished (target %,.0f/min); %s p99 %.1f ms; %d lost",
                        startedPerMinute, finishedPerMinute, settings.perMinute(), scenario.latencyName(),
                        latency.getValueAtPercentile(99) / 1000.0, lost))
                .put("targetPerMinute", scenario.targetPerMinute())
                .put("offeredPerMinute", settings.perMinute())
                .put("warmUpSeconds", warmUpSeconds)
                .put("warmUpUnits", warmUpUnits)
                .put("warmUpNotStarted", warmUpNotStarted)
                .put("warmUpState", warmUp == null ? null : warmUp.name())
                .put("inFlightAtStart", inFlightAtStart)
                .put("seconds", loadSeconds)
                .put("offered", offered)
                .put("notStartedInTime", notStarted)
                .put("submitted", tracker.measuredStarted())
                .put("startedPerMinute", startedPerMinute)
                .put("completedPerMinute", finishedPerMinute)
                .put("completed", tracker.measuredFinished())
                .put("duplicates", tracker.duplicates())
                .put("startFailures", tracker.startFailures())
                .put("lost", lost)
                .put("latencyName", scenario.latencyName())
                .put("latencyTargetMs", scenario.latencyTargetMillis());
        result.putObject("latency").put("count", latency.getTotalCount()).put("p50", ms(latency, 50)).put("p99", ms(latency, 99))
                .put("p999", ms(latency, 99.9)).put("max", latency.getMaxValue() / 1000.0);
        scenario.putInto(result);
        cost.putInto(result);
        result.put("bottleneck", bottleneck(settings, startedPerMinute, finishedPerMinute, timeline) + cost.boundText());
        String note = scenario.note();
        if (warmUp != null && warmUp != WarmUpState.SETTLED) {
            note = (note == null ? "" : note + "; ") + String.format("warm-up ended %s after %.0f s, its last second's p99 "
                    + "%,.0f ms (target %d ms): the measured time began with %,d units in flight",
                    warmUp == WarmUpState.OVERLOADED ? "overloaded" : "at its limit", warmUpSeconds, lastWarmUpP99,
                    scenario.latencyTargetMillis(), inFlightAtStart);
        }
        if (firstStartFailure.get() != null) {
            Throwable cause = firstStartFailure.get();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            note = (note == null ? "" : note + "; ") + tracker.startFailures() + " units failed to start, first: " + cause;
        }
        result.put("note", note);
        // the timeline goes last: the numbers above are what a reader looks for first
        result.set("timeline", result.remove("timeline"));
        return result;
    }

    private WarmUpState warmUpState(ArrayNode timeline, ThreadPoolExecutor workers, Settings settings) {
        double secondsBehind = workers.getQueue().size() / (settings.perMinute() / 60);
        return WarmUpState.of(lastP99(timeline), scenario.latencyTargetMillis(), secondsBehind);
    }

    private static double lastP99(ArrayNode timeline) {
        synchronized (timeline) {
            return timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).path("p99Ms").asDouble();
        }
    }

    /**
     * Hands units {@code first}, {@code first + 1}, ... to the workers at their due times; returns how many. A warm-up
     * unit stays one when a busy worker starts it late, in the measured time.
     */
    private long pace(ThreadPoolExecutor workers, long first, Duration duration, long interval, boolean warmUp) {
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        long n = 0;
        for (long due = begin; due < end; due = begin + n * interval) {
            LockSupport.parkNanos(due - System.nanoTime());
            long unit = first + n;
            workers.execute(warmUp ? () -> tracker.warmingUp(() -> start(unit)) : () -> start(unit));
            n++;
        }
        return n;
    }

    /**
     * Units finished per second while the load ran, from the first second in which any finished: units that take a
     * while by design (a task due in 5 s) do not make the rate look low, and a pipeline that falls behind shows its
     * capacity.
     */
    private static double finishingRate(ArrayNode timeline) {
        long finished = 0;
        int seconds = 0;
        for (int i = 0; i < timeline.size(); i++) {
            if ("load".equals(timeline.get(i).path("phase").asText()) && (seconds > 0 || timeline.get(i).path("completed").asLong() > 0)) {
                finished += timeline.get(i).path("completed").asLong();
                seconds++;
            }
        }
        return seconds == 0 ? 0 : finished / (double) seconds;
    }

    private void start(long unit) {
        try {
            scenario.start(unit, tracker);
        } catch (Exception e) {
            tracker.startFailed();
            firstStartFailure.compareAndSet(null, e);
        }
    }

    /** Until nothing is in flight, or finishing stalled for {@code drain}. */
    private void awaitFinished(Duration drain) throws InterruptedException {
        long finished = tracker.finished();
        long progressAt = System.nanoTime();
        while (tracker.inFlight() > 0 && System.nanoTime() - progressAt < drain.toNanos()) {
            Thread.sleep(100);
            if (tracker.finished() != finished) {
                finished = tracker.finished();
                progressAt = System.nanoTime();
            }
        }
    }

    /**
     * The first limit the run hit, as measured: the callers could not start units at the rate; or a consumer group fell
     * behind (its lag grew the most); or units piled up in flight; or none.
     */
    private static String bottleneck(Settings settings, double startedPerMinute, double finishedPerMinute, ArrayNode timeline) {
        if (startedPerMinute < settings.perMinute() * 0.99) {
            return String.format("starting units: %d callers started only %,.0f of %,.0f a minute", settings.workers(),
                    startedPerMinute, settings.perMinute());
        }
        String worst = null;
        long worstLag = 0;
        for (int i = 0; i < timeline.size(); i++) {
            if (!"load".equals(timeline.get(i).path("phase").asText())) {
                continue;
            }
            var fields = timeline.get(i).path("lag").fields();
            while (fields.hasNext()) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> lag = fields.next();
                if (lag.getValue().asLong() > worstLag) {
                    worstLag = lag.getValue().asLong();
                    worst = lag.getKey();
                }
            }
        }
        if (finishedPerMinute < settings.perMinute() * 0.99) {
            return worst == null ? String.format("finishing units: %,.0f of %,.0f a minute finished", finishedPerMinute, settings.perMinute())
                    : String.format("consumer group %s: lag up to %,d messages during the load", worst, worstLag);
        }
        return "none: the target rate was kept";
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** One timeline point a second, and one for the partial second the run ends in, on its own thread. */
    private final class Sampler {

        private final ArrayNode timeline;
        private final Thread thread = new Thread(this::run, "load-sampler");
        private volatile String phase;
        private volatile boolean stopped;

        Sampler(ArrayNode timeline) {
            this.timeline = timeline;
            thread.setDaemon(true);
        }

        void start(String firstPhase) {
            phase = firstPhase;
            thread.start();
        }

        void phase(String next) {
            phase = next;
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(5000);
        }

        private void run() {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long started = 0;
            long finished = 0;
            long cpu = os.getProcessCpuTime();
            long at = System.nanoTime();
            for (int second = 1; ; second++) {
                // the run's last, partial second gets a point too: units that finished in it belong in the timeline
                boolean last = false;
                try {
                    Thread.sleep(Math.max(0, at + 1_000_000_000L - System.nanoTime()) / 1_000_000);
                } catch (InterruptedException e) {
                    last = true;
                }
                long now = System.nanoTime();
                long cpuNow = os.getProcessCpuTime();
                Histogram recent = tracker.sinceLastInterval();
                ObjectNode point = json.createObjectNode().put("second", second).put("phase", phase)
                        .put("submitted", tracker.started() - started).put("completed", tracker.finished() - finished)
                        .put("inFlight", tracker.inFlight())
                        .put("p99Ms", recent.getTotalCount() == 0 ? 0 : recent.getValueAtPercentile(99) / 1000.0)
                        .put("cpuCores", (cpuNow - cpu) / (double) (now - at));
                ObjectNode lag = point.putObject("lag");
                lags.lags(scenario.consumerGroups()::contains).forEach((group, value) -> {
                    try {
                        lag.put(group.substring(0, group.indexOf(" on ")), Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        // an unknown lag ("unknown (reason)") is left out of the point
                    }
                });
                synchronized (timeline) {
                    timeline.add(point);
                }
                if (last || stopped) {
                    return;
                }
                started = tracker.started();
                finished = tracker.finished();
                cpu = cpuNow;
                at = now;
            }
        }
    }
}

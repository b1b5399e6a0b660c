package io.rocketcamel.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import io.rocketcamel.benchmarks.report.RunResult.PeerResult;
import io.rocketcamel.benchmarks.report.RunResult.WorkloadResult;

/**
 * The report's pictures, drawn with Java2D from a run's JSON: {@code benchmarks.png}, one row per workload and peer,
 * throughput bars on the left and send latency on the right, both on log scales as the peers span three orders of
 * magnitude; and {@code benchmarks-scenarios.png}, each scenario's rate, work in flight and latency second by second.
 */
public final class Chart {

    private static final int LABEL = 400;
    private static final int PANEL = 520;
    private static final int GAP = 70;
    private static final int ROW = 20;
    private static final int TOP = 70;
    private static final Map<String, Color> COLORS = Map.of("plain-loop", new Color(0xAAAAAA), "raw", new Color(0x444444),
            "ours", new Color(0xD9480F), "apache-wait", new Color(0x1C7ED6), "apache", new Color(0x74C0FC));
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Chart() {
    }

    public static void writeWorkloads(RunResult run, Path png) throws IOException {
        List<String[]> labels = new ArrayList<>();
        List<PeerResult> rows = new ArrayList<>();
        for (WorkloadResult w : run.workloads()) {
            for (PeerResult p : w.peers()) {
                if (p.ran() && p.msgPerSec() > 0) {
                    labels.add(new String[] {w.id(), p.label()});
                    rows.add(p);
                }
            }
        }
        int height = TOP + Math.max(1, rows.size()) * ROW + 40;
        draw(png, LABEL + 2 * PANEL + GAP + 30, height, g -> {
            title(g, "RocketCamel benchmarks" + status(run));
            g.setFont(TEXT);
            int throughputX = LABEL;
            int latencyX = LABEL + PANEL + GAP;
            g.drawString("throughput, msg/s (log scale)", throughputX, 50);
            g.drawString("send latency, ms: p50 \u25CF  p99 \u25A0  p99.9 \u25B2   end-to-end p99 \u00D7  (log scale)", latencyX, 50);
            LogAxis throughput = new LogAxis(throughputX, PANEL, 100, 1_000_000);
            LogAxis latency = new LogAxis(latencyX, PANEL, 0.01, 1000);
            int bottom = TOP + rows.size() * ROW;
            throughput.grid(g, TOP - 8, bottom);
            latency.grid(g, TOP - 8, bottom);
            for (int i = 0; i < rows.size(); i++) {
                PeerResult p = rows.get(i);
                int y = TOP + i * ROW;
                g.setColor(Color.BLACK);
                g.drawString(labels.get(i)[0] + " \u00B7 " + labels.get(i)[1], 10, y + 12);
                g.setColor(COLORS.getOrDefault(p.peer(), Color.GRAY));
                int end = throughput.x(p.msgPerSec());
                g.fillRect(throughputX, y + 2, Math.max(1, end - throughputX), ROW - 6);
                g.setColor(Color.BLACK);
                g.drawString(String.format("%,.0f", p.msgPerSec()), end + 4, y + 12);
                markers(g, latency, p, y + ROW / 2 - 1);
            }
        });
    }

    private static void markers(Graphics2D g, LogAxis axis, PeerResult p, int y) {
        g.setColor(COLORS.getOrDefault(p.peer(), Color.GRAY));
        if (p.send() != null && p.send().count() > 0) {
            int p50 = axis.x(p.send().p50());
            int p99 = axis.x(p.send().p99());
            int p999 = axis.x(p.send().p999());
            g.setStroke(new BasicStroke(1));
            g.drawLine(p50, y, p999, y);
            g.fillOval(p50 - 4, y - 4, 8, 8);
            g.fillRect(p99 - 4, y - 4, 8, 8);
            g.fillPolygon(new int[] {p999 - 5, p999 + 5, p999}, new int[] {y + 4, y + 4, y - 5}, 3);
        }
        if (p.endToEnd() != null && p.endToEnd().count() > 0) {
            int e2e = axis.x(p.endToEnd().p99());
            g.setColor(Color.BLACK);
            g.drawLine(e2e - 4, y - 4, e2e + 4, y + 4);
            g.drawLine(e2e - 4, y + 4, e2e + 4, y - 4);
        }
    }

    /**
     * Per scenario, second by second: on the left, units started and finished per second against the target rate;
     * in the middle, units in flight (started, not yet finished) and the p99 latency of the units finished that second;
     * on the right, the lag of each of the scenario's consumer groups as the broker has it.
     */
    public static void writeScenarios(RunResult run, Path png) throws IOException {
        List<JsonNode> scenarios = run.scenarios().stream().filter(s -> s.path("timeline").size() > 0).toList();
        int plotHeight = 190;
        int height = 50 + Math.max(1, scenarios.size()) * (plotHeight + 70);
        draw(png, 1640, height, g -> {
            title(g, "The article's scenarios through the example routes" + status(run));
            for (int i = 0; i < scenarios.size(); i++) {
                scenario(g, scenarios.get(i), 60 + i * (plotHeight + 70), plotHeight);
            }
        });
    }

    private static void scenario(Graphics2D g, JsonNode s, int top, int height) {
        JsonNode timeline = s.path("timeline");
        int n = timeline.size();
        double targetPerSecond = Goals.offeredPerMinute(s) / 60;
        double maxRate = targetPerSecond * 1.3;
        double maxInFlight = 1;
        double maxP99 = s.path("latencyTargetMs").asDouble() * 1.3;
        for (JsonNode t : timeline) {
            maxRate = Math.max(maxRate, Math.max(t.path("submitted").asDouble(), t.path("completed").asDouble()));
            maxInFlight = Math.max(maxInFlight, t.path("inFlight").asDouble());
            maxP99 = Math.max(maxP99, t.path("p99Ms").asDouble());
        }
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        g.drawString(Goals.scenarioLabel(s) + ": " + s.path("summary").asText(), 10, top - 8);
        g.setFont(TEXT);
        Plot left = new Plot(60, top + 10, 440, height, n, maxRate);
        Plot inFlight = new Plot(590, top + 10, 440, height, n, maxInFlight);
        Plot latency = new Plot(590, top + 10, 440, height, n, maxP99);
        left.frame(g, "per second: started (grey), finished (orange), target (dashed)", "%,.0f");
        inFlight.frame(g, "in flight (blue, left axis), p99 of the second (red, ms, right axis)", "%,.0f");
        latency.rightAxis(g, "%,.0f");
        left.horizontal(g, targetPerSecond, Color.BLACK);
        latency.horizontal(g, s.path("latencyTargetMs").asDouble(), new Color(0xC92A2A));
        left.line(g, timeline, t -> t.path("submitted").asDouble(), new Color(0x999999));
        left.line(g, timeline, t -> t.path("completed").asDouble(), new Color(0xD9480F));
        inFlight.line(g, timeline, t -> t.path("inFlight").asDouble(), new Color(0x1C7ED6));
        latency.line(g, timeline, t -> t.path("p99Ms").asDouble(), new Color(0xC92A2A));
        lags(g, timeline, new java.util.TreeSet<>(groups(timeline)), top, height);
    }

    private static final List<Color> GROUP_COLORS = List.of(new Color(0x2B8A3E), new Color(0x862E9C), new Color(0xE67700),
            new Color(0x1864AB));

    private static void lags(Graphics2D g, JsonNode timeline, java.util.SortedSet<String> groups, int top, int height) {
        double maxLag = 1;
        for (JsonNode t : timeline) {
            for (String group : groups) {
                maxLag = Math.max(maxLag, t.path("lag").path(group).asDouble());
            }
        }
        Plot lag = new Plot(1150, top + 10, 440, height, timeline.size(), maxLag);
        lag.frame(g, "lag of each consumer group (messages, as the broker has it)", "%,.0f");
        int i = 0;
        for (String group : groups) {
            Color color = GROUP_COLORS.get(i % GROUP_COLORS.size());
            lag.line(g, timeline, t -> t.path("lag").path(group).asDouble(), color);
            // the legend, inside the plot's top left corner
            g.setColor(color);
            g.drawString(group, lag.left() + 6, lag.top() + 14 + 14 * i++);
        }
    }

    private static java.util.Set<String> groups(JsonNode timeline) {
        java.util.Set<String> groups = new java.util.HashSet<>();
        timeline.forEach(t -> t.path("lag").fieldNames().forEachRemaining(groups::add));
        return groups;
    }


    /** A linear plot area: x is the second, y from 0 to {@code max}. */
    private record Plot(int left, int top, int width, int height, int seconds, double max) {

        int x(double second) {
            return left + (int) Math.round(width * second / Math.max(1, seconds));
        }

        int y(double value) {
            return top + height - (int) Math.round(height * Math.min(value, max) / max);
        }

        void frame(Graphics2D g, String caption, String format) {
            g.setColor(new Color(0xDDDDDD));
            for (int i = 0; i <= 4; i++) {
                g.drawLine(left, y(max * i / 4), left + width, y(max * i / 4));
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(left, top, width, height);
            for (int i = 0; i <= 4; i++) {
                g.drawString(String.format(format, max * i / 4), left - 55, y(max * i / 4) + 4);
            }
            for (int second = 0; second <= seconds; second += Math.max(1, seconds / 6)) {
                g.drawString(second + " s", x(second) - 8, top + height + 14);
            }
            g.drawString(caption, left, top - 2 + height + 30);
        }

        void rightAxis(Graphics2D g, String format) {
            g.setColor(new Color(0xC92A2A));
            for (int i = 0; i <= 4; i++) {
                g.drawString(String.format(format, max * i / 4), left + width + 4, y(max * i / 4) + 4);
            }
        }

        void horizontal(Graphics2D g, double value, Color color) {
            g.setColor(color);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
            g.drawLine(left, y(value), left + width, y(value));
            g.setStroke(new BasicStroke(1));
        }

        void line(Graphics2D g, JsonNode timeline, java.util.function.ToDoubleFunction<JsonNode> value, Color color) {
            g.setColor(color);
            g.setStroke(new BasicStroke(2));
            for (int i = 1; i < timeline.size(); i++) {
                g.drawLine(x(i - 1), y(value.applyAsDouble(timeline.get(i - 1))), x(i), y(value.applyAsDouble(timeline.get(i))));
            }
            g.setStroke(new BasicStroke(1));
        }
    }

    private static String status(RunResult run) {
        return (run.busy() ? String.format(" (preliminary: other processes used %.0f%% of the CPU)", run.othersCpuShare() * 100) : "")
                + (run.smoke() ? " (smoke run)" : "") + " \u00B7 " + run.started();
    }

    private static void title(Graphics2D g, String text) {
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        g.drawString(text, 10, 22);
    }

    private static void draw(Path png, int width, int height, Consumer<Graphics2D> painter) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    /** A logarithmic axis from {@code min} to {@code max} over {@code width} pixels; values outside are clamped. */
    private record LogAxis(int left, int width, double min, double max) {

        int x(double value) {
            double clamped = Math.min(max, Math.max(min, value));
            return left + (int) Math.round(width * Math.log10(clamped / min) / Math.log10(max / min));
        }

        void grid(Graphics2D g, int top, int bottom) {
            for (double tick = min; tick <= max * 1.0001; tick *= 10) {
                int x = x(tick);
                g.setColor(new Color(0xDDDDDD));
                g.drawLine(x, top, x, bottom);
                g.setColor(Color.DARK_GRAY);
                g.drawString(tick < 1 ? String.valueOf(tick) : String.format("%,.0f", tick), x - 10, bottom + 16);
            }
        }
    }
}

package io.rocketcamel.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * The report's picture, drawn with Java2D: one row per peer and scenario, throughput bars on the left and send latency
 * percentiles on the right, both on log scales because the peers span three orders of magnitude.
 */
final class Chart {

    private static final int LABEL = 430;
    private static final int PANEL = 540;
    private static final int GAP = 80;
    private static final int ROW = 20;
    private static final int TOP = 70;
    private static final Map<Peer, Color> COLORS = Map.of(Peer.RAW, new Color(0x555555), Peer.OURS, new Color(0xD9480F),
            Peer.APACHE_WAIT, new Color(0x1C7ED6), Peer.APACHE_DEFAULT, new Color(0x74C0FC));

    private final Graphics2D g;
    private final List<Result> rows;

    private Chart(Graphics2D g, List<Result> rows) {
        this.g = g;
        this.rows = rows;
    }

    static void write(RunData data, Path png) throws IOException {
        List<Result> rows = data.results().stream().filter(r -> r.ran() && r.messagesPerSecond() > 0).toList();
        int height = TOP + Math.max(1, rows.size()) * ROW + 60;
        BufferedImage image = new BufferedImage(LABEL + 2 * PANEL + GAP + 30, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), height);
            new Chart(g, rows).draw(data);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private void draw(RunData data) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString("RocketCamel benchmarks" + (data.busy() ? " (preliminary: busy machine)" : "") + (data.options().smoke() ? " (smoke run)" : ""), 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int throughputX = LABEL;
        int latencyX = LABEL + PANEL + GAP;
        g.drawString("throughput, msg/s (log scale)", throughputX, 50);
        g.drawString("send latency ms: p50 \u25CF  p99 \u25A0  p99.9 \u25B2   end-to-end p99 \u00D7  (log scale)", latencyX, 50);
        LogAxis throughput = new LogAxis(throughputX, PANEL, 100, 1_000_000);
        LogAxis latency = new LogAxis(latencyX, PANEL, 0.01, 1000);
        int bottom = TOP + rows.size() * ROW;
        throughput.grid(g, TOP - 8, bottom, "%,.0f");
        latency.grid(g, TOP - 8, bottom, "%s");
        for (int i = 0; i < rows.size(); i++) {
            Result r = rows.get(i);
            int y = TOP + i * ROW;
            g.setColor(Color.BLACK);
            g.drawString(r.scenarioId() + " \u00B7 " + r.peer().label(), 10, y + 12);
            g.setColor(COLORS.get(r.peer()));
            int end = throughput.x(r.messagesPerSecond());
            g.fillRect(throughputX, y + 2, Math.max(1, end - throughputX), ROW - 6);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,.0f", r.messagesPerSecond()), end + 4, y + 12);
            if (r.send() != null) {
                markers(latency, r, y + ROW / 2 - 1);
            }
        }
    }

    private void markers(LogAxis axis, Result r, int y) {
        g.setColor(COLORS.get(r.peer()));
        int p50 = axis.x(r.send().p50());
        int p99 = axis.x(r.send().p99());
        int p999 = axis.x(r.send().p999());
        g.setStroke(new BasicStroke(1));
        g.drawLine(p50, y, p999, y);
        g.fillOval(p50 - 4, y - 4, 8, 8);
        g.fillRect(p99 - 4, y - 4, 8, 8);
        g.fillPolygon(new int[] {p999 - 5, p999 + 5, p999}, new int[] {y + 4, y + 4, y - 5}, 3);
        if (r.endToEnd() != null && r.endToEnd().count() > 0) {
            int e2e = axis.x(r.endToEnd().p99());
            g.setColor(Color.BLACK);
            g.drawLine(e2e - 4, y - 4, e2e + 4, y + 4);
            g.drawLine(e2e - 4, y + 4, e2e + 4, y - 4);
        }
    }

    /** A logarithmic axis from {@code min} to {@code max} over {@code width} pixels; values outside are clamped. */
    private record LogAxis(int left, int width, double min, double max) {

        int x(double value) {
            double clamped = Math.min(max, Math.max(min, value));
            return left + (int) Math.round(width * Math.log10(clamped / min) / Math.log10(max / min));
        }

        void grid(Graphics2D g, int top, int bottom, String format) {
            for (double tick = min; tick <= max * 1.0001; tick *= 10) {
                int x = x(tick);
                g.setColor(new Color(0xDDDDDD));
                g.drawLine(x, top, x, bottom);
                g.setColor(Color.DARK_GRAY);
                String label = format.equals("%s") ? (tick < 1 ? String.valueOf(tick) : String.format("%,.0f", tick)) : String.format(format, tick);
                g.drawString(label, x - 10, bottom + 16);
            }
        }
    }
}

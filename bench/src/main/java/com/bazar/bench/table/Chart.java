package com.bazar.bench.table;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * latency-table.png: per row, the report's figure and Bazar's mean as bars on a logarithmic millisecond axis,
 * with Bazar's p50–p99 range as a whisker. Drawn with java.awt in headless mode.
 */
final class Chart {
    private static final int WIDTH = 1200;
    private static final int ROW_HEIGHT = 34;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final int LEFT = 250;
    private static final int RIGHT = 40;
    private static final double MIN_MS = 0.01;
    private static final double MAX_MS = 100;
    private static final Color REPORT = new Color(0xB0, 0xB0, 0xB0);
    private static final Color BAZAR = new Color(0x2B, 0x6C, 0xB0);
    private static final Color WHISKER = new Color(0x10, 0x30, 0x60);
    private static final Color TARGET = new Color(0xC0, 0x20, 0x20);

    private Chart() {
    }

    static void write(Results r, Path file) throws IOException {
        int height = TOP + r.rows.size() * ROW_HEIGHT + BOTTOM;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString("Bazar vs the report: latency per request (ms, log scale)", LEFT, 30);
            legend(g);

            int plotBottom = TOP + r.rows.size() * ROW_HEIGHT;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (double ms = MIN_MS; ms <= MAX_MS * 1.001; ms *= 10) {
                int x = x(ms);
                g.setColor(new Color(0xE0, 0xE0, 0xE0));
                g.drawLine(x, TOP - 5, x, plotBottom);
                g.setColor(Color.DARK_GRAY);
                String label = ms < 1 ? String.format(Locale.ROOT, "%s", trim(ms)) : String.format(Locale.ROOT, "%.0f", ms);
                g.drawString(label + " ms", x - 15, plotBottom + 18);
            }

            int i = 0;
            for (Map.Entry<Row, Measured> e : r.rows.entrySet()) {
                int y = TOP + i++ * ROW_HEIGHT;
                Row row = e.getKey();
                Measured m = e.getValue();
                g.setColor(Color.BLACK);
                FontMetrics fm = g.getFontMetrics();
                String name = row.shortName();
                g.drawString(name, LEFT - 10 - fm.stringWidth(name), y + ROW_HEIGHT / 2 + 4);
                g.setColor(REPORT);
                g.fillRect(x(MIN_MS), y + 4, x(row.reportMs()) - x(MIN_MS), 11);
                g.setColor(BAZAR);
                g.fillRect(x(MIN_MS), y + 17, Math.max(1, x(m.meanMs()) - x(MIN_MS)), 11);
                g.setColor(WHISKER);
                g.setStroke(new BasicStroke(1.5f));
                int yw = y + 22;
                g.drawLine(x(m.p50Ms()), yw, x(m.p99Ms()), yw);
                g.drawLine(x(m.p99Ms()), yw - 4, x(m.p99Ms()), yw + 4);
                g.setColor(TARGET);
                int xt = x(row.reportMs() / Targets.MIN_SPEED_UP);
                g.drawLine(xt, y + 2, xt, y + 30);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.0f×", Targets.speedUp(row, m)),
                        Math.max(x(row.reportMs()), x(m.p99Ms())) + 8, y + ROW_HEIGHT / 2 + 4);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString("speed-up = report / Bazar mean; whisker: Bazar p50 to p99; " + r.started, LEFT, height - 20);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void legend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(REPORT);
        g.fillRect(LEFT, 42, 14, 12);
        g.setColor(Color.BLACK);
        g.drawString("the report", LEFT + 20, 53);
        g.setColor(BAZAR);
        g.fillRect(LEFT + 200, 42, 14, 12);
        g.setColor(Color.BLACK);
        g.drawString("Bazar mean", LEFT + 220, 53);
        g.setColor(WHISKER);
        g.drawLine(LEFT + 330, 48, LEFT + 360, 48);
        g.setColor(Color.BLACK);
        g.drawString("Bazar p50–p99", LEFT + 366, 53);
        g.setColor(TARGET);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(LEFT + 500, 42, LEFT + 500, 54);
        g.setColor(Color.BLACK);
        g.drawString("target: 20× faster than the report", LEFT + 508, 53);
        g.setStroke(new BasicStroke(1f));
    }

    private static int x(double ms) {
        double clamped = Math.max(MIN_MS, Math.min(MAX_MS, ms));
        double f = Math.log10(clamped / MIN_MS) / Math.log10(MAX_MS / MIN_MS);
        return LEFT + (int) Math.round(f * (WIDTH - LEFT - RIGHT));
    }

    private static String trim(double ms) {
        return new java.math.BigDecimal(ms).round(new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
    }
}

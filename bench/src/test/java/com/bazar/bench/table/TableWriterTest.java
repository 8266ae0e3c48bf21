package com.bazar.bench.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The table, the CSV, the targets and the chart from made-up results (no store, no JMH). */
class TableWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryRowOfTheReportWithItsSpeedUpAndAVerdictPerTarget() throws Exception {
        Results r = results(0.5, 900, 1000, 1200);
        List<Targets.Verdict> verdicts = Targets.judge(r);

        String md = TableWriter.markdown(r, Settings.parse(new String[]{"--requests", "20"}), verdicts);
        String csv = TableWriter.csv(r);
        Chart.write(r, dir.resolve("chart.png"));

        assertThat(md.lines().filter(l -> l.startsWith("| Front end") || l.startsWith("| Order")
                || l.startsWith("| Catalog"))).hasSize(16);
        assertThat(md).contains("| Front end | info, hit | 9 | 0.500 | 0.450 | 0.900 | 18× |");
        assertThat(csv.lines()).hasSize(17).first().asString().startsWith("service,call,report_ms,bazar_mean_ms");
        assertThat(md.lines().filter(l -> l.startsWith("PASS  ") || l.startsWith("FAIL  "))).hasSize(4);
        BufferedImage png = ImageIO.read(dir.resolve("chart.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1200);
    }

    @Test
    void judgesEachTargetOnItsThreshold() {
        Results fast = results(0.1, 900, 1000, 1200);
        assertThat(Targets.judge(fast)).extracting(Targets.Verdict::pass).containsExactly(true, true, true, true);

        Results slow = results(0.5, 700, 1000, 900);   // hit 9/0.5 = 18×; 70% of /ping; 900 purchases/s
        assertThat(Targets.judge(slow)).extracting(Targets.Verdict::pass).containsExactly(false, false, true, false);
    }

    @Test
    void anOrderWithoutItsStockOrAStockWithoutItsOrderIsNotSound() {
        assertThat(new Results.Accounting("x", 100, new long[]{90, 90}, new long[]{10, 10}, false).sound()).isTrue();
        assertThat(new Results.Accounting("x", 100, new long[]{90, 90}, new long[]{11, 11}, false).sound()).isFalse();
        assertThat(new Results.Accounting("x", 100, new long[]{90, 89}, new long[]{10, 10}, false).sound()).isFalse();
        assertThat(new Results.Accounting("x", 10, new long[]{0, 0}, new long[]{11, 11}, true).sound()).isFalse();
        assertThat(new Results.Accounting("x", 10, new long[]{1, 1}, new long[]{9, 9}, true).soldOut()).isFalse();
    }

    /** Every row at {@code meanMs} except the hit row's mean set by the caller; misses 1.2× the hit's p50. */
    private static Results results(double hitMean, double infoPerSecond, double pingPerSecond, double purchasesPerSecond) {
        Results r = new Results();
        for (Row row : Row.REPORT) {
            boolean hit = row.method().equals("frontendInfo") && row.via().equals("frontend");
            double mean = hit ? hitMean : 0.1;
            double p50 = hit ? hitMean * 0.9 : Math.min(0.1, hitMean * 0.9 * 1.2);
            r.rows.put(row, latency(mean, p50, mean * 1.8));
        }
        r.invalidation = latency(0.1, 0.1, 0.2);
        r.missAfterWrite = latency(0.3, 0.3, 0.6);
        for (String call : List.of("info, hit", "purchase", "info, miss (caching off)")) {
            Map<Integer, Measured> byClients = new LinkedHashMap<>();
            for (int clients : List.of(1, 4, 16)) {
                byClients.put(clients, latency(0.1 * clients, 0.1 * clients, 0.2 * clients));
            }
            r.concurrent.put(call, byClients);
        }
        r.ping16 = rate(pingPerSecond, Map.of());
        r.infoHit16 = rate(infoPerSecond, Map.of());
        r.purchases16 = rate(purchasesPerSecond, Map.of("purchased", purchasesPerSecond, "soldOut", 0.0));
        r.purchaseAccounting = new Results.Accounting("book 7", 1000, new long[]{900, 900}, new long[]{100, 100}, false);
        r.sellOut = new Results.Accounting("book 4", 50, new long[]{0, 0}, new long[]{50, 50}, true);
        r.started = "2026-01-01 00:00:00 UTC";
        r.finished = "2026-01-01 00:01:00 UTC";
        r.machine.add("2 CPUs");
        return r;
    }

    private static Measured latency(double mean, double p50, double p99) {
        return new Measured("x", 20, mean, p50, p99, p99 * 1.5, Double.NaN, Map.of());
    }

    private static Measured rate(double perSecond, Map<String, Double> secondary) {
        return new Measured("x", 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, perSecond, secondary);
    }
}

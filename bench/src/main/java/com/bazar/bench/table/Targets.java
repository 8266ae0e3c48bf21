package com.bazar.bench.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The four targets, judged from one run's results. */
final class Targets {
    static final double MIN_SPEED_UP = 20;
    static final double MIN_SHARE_OF_PING = 0.8;
    static final double MAX_MISS_OVER_HIT = 3;
    static final double MIN_PURCHASES_PER_SECOND = 1000;

    record Verdict(String target, boolean pass, String detail) {
        String line() {
            return (pass ? "PASS" : "FAIL") + "  " + target + ": " + detail;
        }
    }

    private Targets() {
    }

    static List<Verdict> judge(Results r) {
        List<Verdict> verdicts = new ArrayList<>();

        List<String> slow = new ArrayList<>();
        double worst = Double.POSITIVE_INFINITY;
        String worstRow = "";
        for (Map.Entry<Row, Measured> e : r.rows.entrySet()) {
            double speedUp = speedUp(e.getKey(), e.getValue());
            if (speedUp < worst) {
                worst = speedUp;
                worstRow = e.getKey().label();
            }
            if (!(speedUp >= MIN_SPEED_UP)) {
                slow.add(e.getKey().label() + String.format(Locale.ROOT, " (%.1f×)", speedUp));
            }
        }
        verdicts.add(new Verdict("every row at least 20× faster than the report (report ms / Bazar mean)",
                slow.isEmpty() && !r.rows.isEmpty(),
                slow.isEmpty() ? String.format(Locale.ROOT, "smallest speed-up %.0f× (%s)", worst, worstRow)
                        : "below 20×: " + String.join(", ", slow)));

        double share = r.infoHit16.perSecond() / r.ping16.perSecond();
        verdicts.add(new Verdict("cached info with 16 connections at least 80% of the front end's admin /ping",
                share >= MIN_SHARE_OF_PING, String.format(Locale.ROOT, "%.0f requests/s vs /ping %.0f requests/s = %.0f%%",
                r.infoHit16.perSecond(), r.ping16.perSecond(), 100 * share)));

        Measured hit = row(r, "frontendInfo", "frontend");
        Measured miss1 = row(r, "frontendInfoVia", "catalog-1");
        Measured miss2 = row(r, "frontendInfoVia", "catalog-2");
        double missP50 = Math.max(miss1.p50Ms(), miss2.p50Ms());
        double ratio = missP50 / hit.p50Ms();
        verdicts.add(new Verdict("uncached info p50 within 3× of cached p50", ratio <= MAX_MISS_OVER_HIT,
                String.format(Locale.ROOT, "miss p50 %.3f ms (the slower replica) vs hit p50 %.3f ms = %.2f×",
                        missP50, hit.p50Ms(), ratio)));

        double purchased = r.purchases16.secondary("purchased");
        boolean sound = r.purchaseAccounting.sound() && r.sellOut.sound();
        verdicts.add(new Verdict("at least 1,000 purchases/s with 16 connections, and no oversell",
                purchased >= MIN_PURCHASES_PER_SECOND && sound,
                String.format(Locale.ROOT, "%.0f purchases/s; %s; %s", purchased,
                        (r.purchaseAccounting.sound() ? "stock taken = orders recorded on every replica"
                                : "STOCK AND ORDERS DISAGREE"),
                        !r.sellOut.sound() ? "SELL-OUT: STOCK AND ORDERS DISAGREE"
                                : r.sellOut.soldOut() ? "sell-out by 16 clients: " + r.sellOut.stockBefore()
                                + " copies, sold exactly " + r.sellOut.sold()
                                : "sell-out incomplete (" + r.sellOut.sold() + " of " + r.sellOut.stockBefore()
                                + " sold), no oversell seen")));
        return verdicts;
    }

    static double speedUp(Row row, Measured m) {
        return row.reportMs() / m.meanMs();
    }

    static Measured row(Results r, String method, String via) {
        return r.rows.entrySet().stream()
                .filter(e -> e.getKey().method().equals(method) && e.getKey().via().equals(via))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("no row " + method + " via " + via));
    }
}

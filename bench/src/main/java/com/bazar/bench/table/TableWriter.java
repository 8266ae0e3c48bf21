package com.bazar.bench.table;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** latency-table.md and latency-table.csv from one run's results. */
final class TableWriter {
    private TableWriter() {
    }

    static String csv(Results r) {
        StringBuilder s = new StringBuilder("service,call,report_ms,bazar_mean_ms,bazar_p50_ms,bazar_p99_ms,bazar_max_ms,"
                + "requests,speed_up,caching\n");
        r.rows.forEach((row, m) -> s.append(String.format(Locale.ROOT, "%s,%s,%.0f,%.4f,%.4f,%.4f,%.4f,%d,%.1f,%s%n",
                row.service(), quote(row.call()), row.reportMs(), m.meanMs(), m.p50Ms(), m.p99Ms(), m.maxMs(),
                m.requests(), Targets.speedUp(row, m), row.cacheOn() ? "on" : "off")));
        return s.toString();
    }

    static String markdown(Results r, Settings settings, List<Targets.Verdict> verdicts) {
        StringBuilder s = new StringBuilder();
        s.append("# Bazar's latency table, reproduced\n\n");
        s.append("The table of the report (\"Turning the Bazar into an Amazon\", `../shared/seed/`) measured again on Bazar")
                .append(" by `").append(settings.commandLine()).append("` (").append(r.started).append(" – ")
                .append(r.finished).append(").\n\n");
        s.append("| Service | Call | Report (ms) | Bazar mean (ms) | p50 (ms) | p99 (ms) | Speed-up |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|\n");
        r.rows.forEach((row, m) -> s.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.3f | %.3f | %.3f | %.0f× |%n",
                row.service(), row.call(), row.reportMs(), m.meanMs(), m.p50Ms(), m.p99Ms(), Targets.speedUp(row, m))));
        s.append("\nSpeed-up = the report's figure / Bazar's mean. ");
        List<String> short_ = r.rows.entrySet().stream().filter(e -> e.getValue().requests() < settings.requests())
                .map(e -> e.getKey().label() + " (" + e.getValue().requests() + ")").toList();
        s.append(String.format(Locale.ROOT, "Each row: at least %d timed requests (each row's count is in the CSV) from"
                + " one client, one at a time, after a warm-up of about %d%s. ", settings.requests(), settings.warmup(),
                short_.isEmpty() ? "" : "; rows that took longer than a minute stop short: " + String.join(", ", short_)));
        s.append("Chart: `latency-table.png`; figures: `latency-table.csv`.\n\n");

        s.append("## Targets\n\n```\n");
        verdicts.forEach(v -> s.append(v.line()).append('\n'));
        s.append("```\n\n");

        s.append("## The lab's questions (same run)\n\n");
        appendQuestions(s, r);

        s.append("## How the figures were made\n\n");
        s.append("""
                - Every figure comes from JMH (`bench/.../http/StoreBenchmark`, run through JMH's `Runner` by \
                `./bazar bench`); nothing else times anything. The client is Apache HttpClient 5 with keep-alive \
                connections, in the JMH JVM on the same machine as the store (the load generator beside the store).
                - Table rows: sample-time mode with one thread, the report's sequential client: requests one after \
                the other, every one timed by JMH. JMH runs for a time, so each row runs long enough for at least N \
                timed requests (sized from the target, and run again longer if that was not enough), after a \
                warm-up iteration of about as many.
                - The store is started from the runnable jars and configs/*.yml, on free ports with fresh \
                temporary databases, with caching on (hits, purchases, the catalog and order rows, the questions); \
                then its front end is restarted with `BAZAR_CACHE_ENABLED=false` (the miss rows, where every read is \
                a miss). Caching is a front end setting only: the catalogs and orders stay up.
                - Miss attribution: the front end sends its misses to the catalog replicas in turn. Before each timed \
                miss, an untimed request (JMH invocation-level set-up, outside the timing) lines the turn up, and \
                the timed request must come back with `X-Bazar-Replica` naming the row's replica and \
                `X-Bazar-Cache: miss` (a hit row: `hit`), or the run fails. Purchases through the front end are \
                lined up with the order replicas the same way. So in those rows every other request is timed.
                - Before any figure, each call of the store runs for `--store-warmup` with 4 clients (figures \
                discarded), so that the store's JVMs have compiled their request paths; each row then has its own \
                warm-up iteration. Purchases first run for `--purchase-warmup` (120 s by default) with 16 clients, \
                before any purchase figure is taken: a purchase crosses three JVMs, and on 2 cores their compilers \
                need that long under load before the rate levels off (it rose from ~120 to ~800 per second over the \
                first minutes in our runs).
                - Concurrent figures: sample-time mode (every request timed) and throughput mode, with 1, 4 and 16 \
                JMH threads, one connection each.
                - Purchases buy book 7 (restocked to 1,000,000 first), so reads of book 1 and topic \
                "distributed systems" stay cached; updates add one copy of book 6.
                """);
        s.append("\n## The machine during this run\n\n");
        r.machine.forEach(line -> s.append("- ").append(line).append('\n'));
        return s.toString();
    }

    private static void appendQuestions(StringBuilder s, Results r) {
        Measured infoHit = Targets.row(r, "frontendInfo", "frontend");
        Measured infoMiss1 = Targets.row(r, "frontendInfoVia", "catalog-1");
        Measured infoMiss2 = Targets.row(r, "frontendInfoVia", "catalog-2");
        Measured searchHit = Targets.row(r, "frontendSearch", "frontend");
        Measured searchMiss1 = Targets.row(r, "frontendSearchVia", "catalog-1");
        Measured searchMiss2 = Targets.row(r, "frontendSearchVia", "catalog-2");
        Measured update1 = Targets.row(r, "catalogUpdate", "catalog-1");
        Measured update2 = Targets.row(r, "catalogUpdate", "catalog-2");
        double infoMiss = (infoMiss1.meanMs() + infoMiss2.meanMs()) / 2;
        double searchMiss = (searchMiss1.meanMs() + searchMiss2.meanMs()) / 2;
        double update = (update1.meanMs() + update2.meanMs()) / 2;

        s.append("**How much does caching help?** ");
        s.append(String.format(Locale.ROOT, "An info hit takes %.3f ms (mean; p50 %.3f) against %.3f ms for a miss"
                        + " (mean of the two replicas): the cache saves %.3f ms per read, %.1f× faster. Search: hit %.3f ms"
                        + " against miss %.3f ms, %.1f×. (The report: 9 ms against 17–24 ms for info, 4 against 18–19 for"
                        + " search.) A hit is one HTTP exchange with the front end; a miss adds the front end's call to a"
                        + " catalog replica, its SQLite read and its JSON.%n%n",
                infoHit.meanMs(), infoHit.p50Ms(), infoMiss, infoMiss - infoHit.meanMs(), infoMiss / infoHit.meanMs(),
                searchHit.meanMs(), searchMiss, searchMiss / searchHit.meanMs()));

        s.append("**What does an invalidation add to a write?** ");
        s.append(String.format(Locale.ROOT, "A catalog update (dual write to both SQLite files, then one invalidation"
                        + " POST to the front end, then the answer) takes %.3f ms (mean of the two replicas). The"
                        + " invalidation POST alone, sent to the same front end by the benchmark client, takes %.3f ms"
                        + " (p50 %.3f, p99 %.3f): about %.0f%% of the update. Each further front end would add about"
                        + " that much again, since the catalog notifies them one after the other before it answers.%n%n",
                update, r.invalidation.meanMs(), r.invalidation.p50Ms(), r.invalidation.p99Ms(),
                100 * r.invalidation.meanMs() / update));

        s.append("**How long does the miss after it take?** ");
        s.append(String.format(Locale.ROOT, "The first read of book 1 through the front end right after a write of"
                        + " book 1 (made untimed just before, through catalog-1) is a miss: %.3f ms mean, p50 %.3f, p99"
                        + " %.3f, over %d reads — against %.3f ms for a hit and %.3f ms for a miss with caching off. It"
                        + " also puts the new version in the cache (the fence accepts it), so the read after it is a"
                        + " hit again.%n%n",
                r.missAfterWrite.meanMs(), r.missAfterWrite.p50Ms(), r.missAfterWrite.p99Ms(),
                r.missAfterWrite.requests(), infoHit.meanMs(), infoMiss));

        s.append("**The same with 1, 4 and 16 concurrent clients** (sample-time mode, every request timed; ms):\n\n");
        List<Integer> clients = r.concurrent.values().iterator().next().keySet().stream().toList();
        s.append("| Call | ").append(clients.stream().map(c -> c + " client" + (c == 1 ? "" : "s") + ": p50 / p99")
                .collect(Collectors.joining(" | "))).append(" |\n");
        s.append("|---|").append(clients.stream().map(c -> "---:").collect(Collectors.joining("|"))).append("|\n");
        for (Map.Entry<String, Map<Integer, Measured>> e : r.concurrent.entrySet()) {
            s.append("| ").append(e.getKey()).append(" | ");
            s.append(e.getValue().values().stream()
                    .map(m -> String.format(Locale.ROOT, "%.3f / %.3f", m.p50Ms(), m.p99Ms()))
                    .collect(Collectors.joining(" | ")));
            s.append(" |\n");
        }
        s.append(String.format(Locale.ROOT, "%nThroughput with 16 connections (throughput mode): front end admin /ping"
                        + " %.0f requests/s; cached info %.0f requests/s; purchases through the front end %.0f/s"
                        + " (%.0f sold-out answers/s).%n%n",
                r.ping16.perSecond(), r.infoHit16.perSecond(), r.purchases16.secondary("purchased"),
                r.purchases16.secondary("soldOut")));
        s.append("No oversell: ").append(r.purchaseAccounting.describe()).append(r.purchaseAccounting.sound()
                ? " — sound." : " — NOT SOUND.").append(' ').append(r.sellOut.describe())
                .append(r.sellOut.sound() ? " — sound." : " — NOT SOUND.").append("\n\n");
    }

    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}

package com.bazar.catalog.core;

import com.bazar.catalog.db.CatalogDao;
import com.bazar.common.api.Book;
import com.bazar.common.db.ReplicatedDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a catalog does before it serves: create the tables, seed databases that are all empty, and repair
 * replicas that differ because a process died between the commits of one write. All of it runs under the
 * write locks of every catalog database, so a replica starting while another serves sees a consistent state.
 */
public final class CatalogStartup {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStartup.class);

    private final ReplicatedDatabases databases;
    private final String schema;
    private final Supplier<List<SeedBook>> seed;

    public CatalogStartup(ReplicatedDatabases databases, String schema, Supplier<List<SeedBook>> seed) {
        this.databases = databases;
        this.schema = schema;
        this.seed = seed;
    }

    /** @return how many rows were copied between replicas */
    public int run() {
        return run(repaired -> {
        });
    }

    /**
     * As {@link #run()}, then passes each book whose row was repaired anywhere (as it now is everywhere) to
     * {@code repairedBook}, once every database has committed: the application tells the front ends, which may
     * hold a copy older than the repaired row.
     */
    public int run(Consumer<Book> repairedBook) {
        Map<Long, Book> repaired = new LinkedHashMap<>();
        int copied = databases.withAllLocked(handles -> {
            handles.forEach(handle -> handle.createScript(schema).execute());
            List<CatalogDao> daos = handles.stream().map(h -> h.attach(CatalogDao.class)).toList();
            if (daos.stream().allMatch(dao -> dao.count() == 0)) {
                List<SeedBook> books = seed.get();
                daos.forEach(dao -> books.forEach(book -> dao.put(book.toBook())));
                LOG.info("seeded {} books into {} empty catalog databases", books.size(), daos.size());
            }
            int rows = repairBooks(daos, repaired) + repairPurchases(daos) + repairCancellations(daos);
            if (rows > 0) {
                LOG.warn("repaired catalog replicas: copied {} rows (books {})", rows, repaired.keySet());
            } else {
                LOG.info("catalog replicas agree: nothing to repair");
            }
            return rows;
        });
        repaired.values().forEach(repairedBook);
        return copied;
    }

    /** Per book, the row with the highest version is copied to every database that has an older one or none. */
    private static int repairBooks(List<CatalogDao> daos, Map<Long, Book> repaired) {
        Map<Long, Book> newest = new LinkedHashMap<>();
        for (CatalogDao dao : daos) {
            for (Book book : dao.all()) {
                newest.merge(book.id(), book, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        int copied = 0;
        for (CatalogDao dao : daos) {
            Map<Long, Book> here = new HashMap<>();
            dao.all().forEach(book -> here.put(book.id(), book));
            for (Book book : newest.values()) {
                if (!Objects.equals(here.get(book.id()), book)) {
                    dao.put(book);
                    repaired.put(book.id(), book);
                    copied++;
                }
            }
        }
        return copied;
    }

    /** Applied purchases are a union: every key any database has, every database gets. */
    private static int repairPurchases(List<CatalogDao> daos) {
        Map<String, RecordedPurchase> union = new LinkedHashMap<>();
        daos.forEach(dao -> dao.allPurchases().forEach(p -> union.putIfAbsent(p.key(), p)));
        int copied = 0;
        for (CatalogDao dao : daos) {
            var here = dao.allPurchases().stream().map(RecordedPurchase::key).collect(Collectors.toSet());
            for (RecordedPurchase purchase : union.values()) {
                if (!here.contains(purchase.key())) {
                    dao.putPurchase(purchase);
                    copied++;
                }
            }
        }
        return copied;
    }

    /**
     * Cancelled keys are a union too (run after the purchases' union, so every database holds the same
     * purchases). A key both applied and cancelled cannot arise, since both are decided on the first database
     * under its write lock; it is reported, and the purchase stands.
     */
    private static int repairCancellations(List<CatalogDao> daos) {
        Map<String, String> union = new TreeMap<>();
        daos.forEach(dao -> dao.allCancellations().forEach(union::putIfAbsent));
        Set<String> purchased = daos.get(0).allPurchases().stream().map(RecordedPurchase::key).collect(Collectors.toSet());
        union.keySet().stream().filter(purchased::contains).forEach(key ->
                LOG.error("purchase key '{}' is both applied and cancelled; the purchase stands", key));
        int copied = 0;
        for (CatalogDao dao : daos) {
            Map<String, String> here = dao.allCancellations();
            for (Map.Entry<String, String> cancelled : union.entrySet()) {
                if (!here.containsKey(cancelled.getKey()) && !purchased.contains(cancelled.getKey())) {
                    dao.putCancellation(cancelled.getKey(), cancelled.getValue());
                    copied++;
                }
            }
        }
        return copied;
    }
}

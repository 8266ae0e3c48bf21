package com.bazar.common.db;

import com.codahale.metrics.MetricRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replica SQLite databases in a temporary directory, configured as configs/*.yml configure them (WAL,
 * synchronous NORMAL, a busy timeout). Each {@link #open} gives a separate set of pools, as a separate
 * process would have.
 */
public final class SqliteTestDatabases {
    private SqliteTestDatabases() {
    }

    public static ReplicatedDatabasesFactory factory(Path dir, String own, List<String> names) {
        return factory(dir, own, names, 10_000);
    }

    public static ReplicatedDatabasesFactory factory(Path dir, String own, List<String> names, int busyTimeoutMillis) {
        List<ReplicaDatabaseFactory> replicas = new ArrayList<>();
        for (String name : names) {
            ReplicaDatabaseFactory db = new ReplicaDatabaseFactory();
            db.setName(name);
            db.setDriverClass("org.sqlite.JDBC");
            db.setUrl("jdbc:sqlite:" + dir.resolve(name + ".db"));
            db.setProperties(Map.of("journal_mode", "WAL", "synchronous", "NORMAL",
                    "busy_timeout", String.valueOf(busyTimeoutMillis)));
            db.setInitialSize(1);
            db.setMinSize(1);
            db.setMaxSize(8);
            replicas.add(db);
        }
        ReplicatedDatabasesFactory factory = new ReplicatedDatabasesFactory();
        factory.setOwn(own);
        factory.setReplicas(replicas);
        return factory;
    }

    public static ReplicatedDatabasesFactory.Opened open(Path dir, String own, List<String> names) {
        return factory(dir, own, names).open(new MetricRegistry());
    }
}

package com.bazar.common.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.jdbi3.JdbiFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * In YAML: which database is this process's own, and every replica database in the global lock order
 * (the same list, in the same order, in every replica's configuration).
 */
public class ReplicatedDatabasesFactory {
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    @NotEmpty
    private String own;

    @Valid
    @NotEmpty
    private List<ReplicaDatabaseFactory> replicas = new ArrayList<>();

    @JsonProperty
    public String getOwn() {
        return own;
    }

    @JsonProperty
    public void setOwn(String own) {
        this.own = own;
    }

    @JsonProperty
    public List<ReplicaDatabaseFactory> getReplicas() {
        return replicas;
    }

    @JsonProperty
    public void setReplicas(List<ReplicaDatabaseFactory> replicas) {
        this.replicas = replicas;
    }

    /**
     * For the application: pooled, managed with its lifecycle, one health check per database.
     *
     * @param sqlObjectTypes the SqlObject interfaces the service attaches to handles (see {@link #configure})
     */
    public ReplicatedDatabases build(Environment environment, CommitListener commitListener, Class<?>... sqlObjectTypes) {
        List<ReplicaDatabase> databases = new ArrayList<>();
        for (ReplicaDatabaseFactory replica : replicas) {
            createSqliteDirectory(replica.getUrl());
            Jdbi jdbi = new JdbiFactory().build(environment, replica, "database-" + replica.getName());
            databases.add(new ReplicaDatabase(replica.getName(), configure(jdbi, sqlObjectTypes)));
        }
        ReplicatedDatabases replicated = new ReplicatedDatabases(databases, own, commitListener);
        // Registered after the pools, so stopped before them.
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                replicated.closeKeptHandles();
            }
        });
        return replicated;
    }

    /** For commands and tests: the same pools, which the caller stops through {@link Opened#close()}. */
    public Opened open(com.codahale.metrics.MetricRegistry metrics, Class<?>... sqlObjectTypes) {
        List<ReplicaDatabase> databases = new ArrayList<>();
        List<ManagedDataSource> sources = new ArrayList<>();
        for (ReplicaDatabaseFactory replica : replicas) {
            createSqliteDirectory(replica.getUrl());
            ManagedDataSource source = replica.build(metrics, "database-" + replica.getName());
            sources.add(source);
            databases.add(new ReplicaDatabase(replica.getName(), configure(Jdbi.create(source), sqlObjectTypes)));
        }
        return new Opened(new ReplicatedDatabases(databases, own, CommitListener.NONE), sources);
    }

    /**
     * The one JDBI set-up of the application, its commands and tests. Three choices made for speed, measured
     * with bench's CatalogBenchmark (the first two each cut a catalog read from ~250 µs to ~60 µs):
     * <ul>
     * <li>JDBI's own template engine, not Dropwizard's NamePrependingTemplateEngine (which JdbiFactory installs):
     *     that one only renders, so JDBI's cache of parsed statements was bypassed and every statement lexed
     *     again. What is lost is the DAO method's name as an SQL comment.</li>
     * <li>Each SqlObject type attached once on the root Jdbi: JDBI 3.51 copies the root's SqlObject metadata into
     *     each handle and never back (jdbi/jdbi#2991), so {@code handle.attach} rebuilt it by reflection on every
     *     handle until the root had it.</li>
     * <li>Prepared statements kept per handle ({@link CachingStatementBuilder}): the SQLite driver prepares every
     *     statement again otherwise. A catalog read 12 → 8 µs, a dual-written purchase 160 → 139 µs.</li>
     * </ul>
     */
    private static Jdbi configure(Jdbi jdbi, Class<?>... sqlObjectTypes) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.setTemplateEngine(new DefinedAttributeTemplateEngine());
        jdbi.setStatementBuilderFactory(connection -> new CachingStatementBuilder());
        for (Class<?> type : sqlObjectTypes) {
            jdbi.useExtension(type, attached -> { });
        }
        return jdbi;
    }

    /** SQLite creates a missing file but not a missing directory; other databases are left alone. */
    private static void createSqliteDirectory(String url) {
        if (url == null || !url.startsWith(SQLITE_PREFIX)) {
            return;
        }
        String file = url.substring(SQLITE_PREFIX.length());
        int query = file.indexOf('?');
        file = query >= 0 ? file.substring(0, query) : file;
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for " + url, e);
        }
    }

    /** Databases opened outside an application; closing stops their pools. */
    public record Opened(ReplicatedDatabases databases, List<ManagedDataSource> sources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            databases.closeKeptHandles();
            for (ManagedDataSource source : sources) {
                source.stop();
            }
        }
    }
}

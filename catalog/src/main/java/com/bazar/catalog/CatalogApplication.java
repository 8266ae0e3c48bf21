package com.bazar.catalog;

import com.bazar.catalog.core.Catalog;
import com.bazar.catalog.core.CatalogStartup;
import com.bazar.catalog.core.InvalidationNotifier;
import com.bazar.catalog.core.SeedBook;
import com.bazar.catalog.db.CatalogDao;
import com.bazar.catalog.resources.BookReadFilter;
import com.bazar.catalog.resources.BookResource;
import com.bazar.catalog.resources.PurchaseResource;
import com.bazar.common.cli.CheckReplicasCommand;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.common.fault.Halt;
import com.bazar.common.fault.HaltBetweenCommits;
import com.bazar.common.web.RequiresToken;
import com.bazar.common.web.ServiceSetup;
import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

public class CatalogApplication extends Application<CatalogConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogApplication.class);

    /** Every catalog table, each in a fixed order, for check-replicas. */
    static final Map<String, String> TABLES = Map.of(
            "books", "SELECT id, title, topic, price_cents, stock, version FROM books ORDER BY id",
            "purchases", "SELECT purchase_key, book_id, quantity, unit_price_cents, remaining_stock, book_version "
                    + "FROM purchases ORDER BY purchase_key",
            "cancelled_purchases", "SELECT purchase_key, cancelled_at FROM cancelled_purchases ORDER BY purchase_key");

    public static void main(String[] args) throws Exception {
        new CatalogApplication().run(args);
    }

    @Override
    public String getName() {
        return "catalog";
    }

    @Override
    public void initialize(Bootstrap<CatalogConfiguration> bootstrap) {
        ServiceSetup.bootstrap(bootstrap);
        bootstrap.addCommand(new CheckReplicasCommand<>(CatalogConfiguration.class,
                CatalogConfiguration::getDatabases, TABLES));
    }

    @Override
    public void run(CatalogConfiguration config, Environment environment) {
        ServiceSetup.run(config, environment, "catalog");
        ObjectMapper mapper = environment.getObjectMapper();

        List<String> faults = config.getFaultInjection().switchesOn();
        if (!faults.isEmpty()) {
            LOG.warn("FAULT INJECTION is on ({}): this process will halt itself on purpose", faults);
        }
        HaltBetweenCommits haltBetweenCommits = config.getFaultInjection().haltBetweenCommits(Halt.JVM);
        ReplicatedDatabases databases = config.getDatabases().build(environment, haltBetweenCommits, CatalogDao.class);

        InvalidationNotifier notifier = new InvalidationNotifier(config.getFrontends().build(environment, "frontend", false),
                config.getTokens().bearer(RequiresToken.Kind.INTERNAL), mapper,
                environment.lifecycle().scheduledExecutorService("invalidation-retry").threads(1).build(),
                Duration.ofMillis(500), Duration.ofSeconds(30));
        environment.lifecycle().manage(notifier);
        environment.metrics().register("invalidations.pending", (Gauge<Integer>) notifier::pendingCount);

        // Before serving: a process that died between two commits may have left the databases one write apart;
        // front ends may cache a book older than its repaired row, so they are told of each repaired book.
        new CatalogStartup(databases, resource("/db/catalog-schema.sql"), () -> seed(config.getSeedFile(), mapper))
                .run(notifier::invalidate);
        haltBetweenCommits.arm();

        Catalog catalog = new Catalog(databases, notifier);
        environment.servlets().addFilter("book-reads", new BookReadFilter(catalog, mapper, config.getReplicaName()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/books/*");
        environment.jersey().register(new BookResource(catalog));
        environment.jersey().register(new PurchaseResource(catalog));
    }

    private static String resource(String name) {
        try (InputStream in = CatalogApplication.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** The seed file named in YAML, or the seven books of the report shipped in the jar. */
    private static List<SeedBook> seed(String seedFile, ObjectMapper mapper) {
        try {
            byte[] json = seedFile.isEmpty() ? resource("/seed/books.json").getBytes(StandardCharsets.UTF_8)
                    : Files.readAllBytes(Path.of(seedFile));
            return mapper.readValue(json, new TypeReference<List<SeedBook>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed file " + seedFile, e);
        }
    }
}

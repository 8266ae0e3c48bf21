package com.bazar.order;

import com.bazar.common.cli.CheckReplicasCommand;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.common.fault.Halt;
import com.bazar.common.fault.HaltBetweenCommits;
import com.bazar.common.web.RequiresToken;
import com.bazar.common.web.ServiceSetup;
import com.bazar.order.core.CatalogClient;
import com.bazar.order.core.OrderHistory;
import com.bazar.order.core.OrderPlacement;
import com.bazar.order.core.OrderRepair;
import com.bazar.order.core.PendingOrderReconciler;
import com.bazar.order.core.PlacementResolver;
import com.bazar.order.core.PlacementState;
import com.bazar.order.db.OrderDao;
import com.bazar.order.db.OrderSchema;
import com.bazar.order.resources.OrderResource;
import com.codahale.metrics.Gauge;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** An order replica: {@code java -jar order/target/order.jar server configs/order-1.yml}. */
public class OrderApplication extends Application<OrderConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(OrderApplication.class);

    /** Every order table, each in a fixed order, for check-replicas. */
    static final Map<String, String> TABLES = Map.of(
            "orders", OrderDao.ALL_ROWS_BY_ID,
            "order_placements", OrderDao.ALL_PLACEMENTS_BY_KEY);

    public static void main(String[] args) throws Exception {
        new OrderApplication().run(args);
    }

    @Override
    public String getName() {
        return "order";
    }

    @Override
    public void initialize(Bootstrap<OrderConfiguration> bootstrap) {
        ServiceSetup.bootstrap(bootstrap);
        bootstrap.addCommand(new CheckReplicasCommand<>(OrderConfiguration.class, OrderConfiguration::getDatabases, TABLES));
    }

    @Override
    public void run(OrderConfiguration config, Environment environment) {
        ServiceSetup.run(config, environment, "order");

        OrderFaultInjectionFactory faults = config.getFaultInjection();
        List<String> switchesOn = faults.switchesOn();
        if (!switchesOn.isEmpty()) {
            LOG.warn("FAULT INJECTION is on ({}): this process will halt itself on purpose", switchesOn);
        }
        HaltBetweenCommits haltBetweenCommits = faults.haltBetweenCommits(Halt.JVM);
        ReplicatedDatabases databases = config.getDatabases().build(environment, haltBetweenCommits, OrderDao.class);
        OrderSchema.createOn(databases);
        // Before the server serves: a crash between two commits may have left one database a write behind.
        new OrderRepair(databases).run();

        CatalogClient catalog = new CatalogClient(config.getCatalog().build(environment, "catalog", true),
                environment.getObjectMapper(), config.getTokens().bearer(RequiresToken.Kind.INTERNAL));
        Clock clock = Clock.systemUTC();
        PlacementResolver resolver = new PlacementResolver(databases, catalog, clock);

        // Orders a crash left pending are settled before serving (if the catalog answers), then periodically.
        PendingOrdersFactory pending = config.getPendingOrders();
        PendingOrderReconciler reconciler = new PendingOrderReconciler(databases, resolver, clock,
                Duration.ofMillis(pending.getGrace().toMilliseconds()));
        reconciler.settleStale();
        ScheduledExecutorService checks = environment.lifecycle().scheduledExecutorService("pending-orders")
                .threads(1).build();
        long every = pending.getCheckEvery().toMilliseconds();
        checks.scheduleWithFixedDelay(reconciler::settleStaleLoggingFailures, every, every, TimeUnit.MILLISECONDS);
        environment.metrics().register("orders.pending", (Gauge<Long>) () ->
                databases.read(handle -> handle.attach(OrderDao.class).countPlacements(PlacementState.PENDING)));

        haltBetweenCommits.arm();
        environment.jersey().register(new OrderResource(
                new OrderPlacement(databases, catalog, resolver, clock, faults.purchaseSteps(Halt.JVM)),
                new OrderHistory(databases)));
    }
}

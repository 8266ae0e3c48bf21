package com.bazar.order;

import com.bazar.common.cli.CheckReplicasCommand;
import com.bazar.common.db.CommitListener;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.common.web.RequiresToken;
import com.bazar.common.web.ServiceSetup;
import com.bazar.order.core.CatalogClient;
import com.bazar.order.core.OrderHistory;
import com.bazar.order.core.OrderPlacement;
import com.bazar.order.core.OrderRepair;
import com.bazar.order.db.OrderDao;
import com.bazar.order.db.OrderSchema;
import com.bazar.order.resources.OrderResource;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

import java.time.Clock;
import java.util.Map;

/** An order replica: {@code java -jar order/target/order.jar server configs/order-1.yml}. */
public class OrderApplication extends Application<OrderConfiguration> {
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
        bootstrap.addCommand(new CheckReplicasCommand<>(OrderConfiguration.class, OrderConfiguration::getDatabases,
                Map.of("orders", OrderDao.ALL_ROWS_BY_ID)));
    }

    @Override
    public void run(OrderConfiguration config, Environment environment) {
        ServiceSetup.run(config, environment, "order");

        ReplicatedDatabases databases = config.getDatabases().build(environment, CommitListener.NONE);
        OrderSchema.createOn(databases);
        // Before the server serves: a crash between two commits may have left one database an order short.
        new OrderRepair(databases).run();

        CatalogClient catalog = new CatalogClient(config.getCatalog().build(environment, "catalog", true),
                environment.getObjectMapper(), config.getTokens().bearer(RequiresToken.Kind.INTERNAL));
        environment.jersey().register(new OrderResource(
                new OrderPlacement(databases, catalog, Clock.systemUTC()), new OrderHistory(databases)));
    }
}

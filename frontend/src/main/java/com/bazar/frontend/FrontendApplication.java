package com.bazar.frontend;

import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.web.ServiceSetup;
import com.bazar.frontend.core.CatalogReader;
import com.bazar.frontend.core.PurchaseForwarder;
import com.bazar.frontend.core.ResponseCache;
import com.bazar.frontend.core.UpdateForwarder;
import com.bazar.frontend.resources.BookUpdateResource;
import com.bazar.frontend.resources.CatalogReadFilter;
import com.bazar.frontend.resources.InfoResource;
import com.bazar.frontend.resources.InvalidationResource;
import com.bazar.frontend.resources.PurchaseResource;
import com.bazar.frontend.resources.SearchResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;

import java.util.EnumSet;

/**
 * The front end: the public API of the bookstore. Reads are answered from its caches or a catalog replica,
 * purchases go to an order replica, updates to a catalog replica.
 */
public final class FrontendApplication extends Application<FrontendConfiguration> {
    public static void main(String[] args) throws Exception {
        new FrontendApplication().run(args);
    }

    @Override
    public String getName() {
        return "frontend";
    }

    @Override
    public void initialize(Bootstrap<FrontendConfiguration> bootstrap) {
        ServiceSetup.bootstrap(bootstrap);
    }

    @Override
    public void run(FrontendConfiguration config, Environment environment) {
        ServiceSetup.run(config, environment, getName());
        ObjectMapper mapper = environment.getObjectMapper();

        RoundRobinClient catalog = config.getCatalog().build(environment, "catalog", true);
        RoundRobinClient orders = config.getOrder().build(environment, "order", true);
        ResponseCache cache = config.getCache().build(environment.metrics());
        environment.lifecycle().manage(cache);

        CatalogReader reader = new CatalogReader(catalog, cache, mapper);
        environment.servlets().addFilter("catalog-reads", new CatalogReadFilter(reader, config.getReplicaName()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/info/*", "/search/*");
        environment.jersey().register(new SearchResource(reader));
        environment.jersey().register(new InfoResource(reader));
        environment.jersey().register(new PurchaseResource(new PurchaseForwarder(orders, mapper)));
        environment.jersey().register(new BookUpdateResource(new UpdateForwarder(catalog, mapper)));
        environment.jersey().register(new InvalidationResource(cache, environment.getObjectMapper()));
    }
}

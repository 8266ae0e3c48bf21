package com.bazar.frontend;

import com.bazar.common.client.UpstreamsFactory;
import com.bazar.common.web.BazarConfiguration;
import com.bazar.frontend.core.CacheFactory;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The front end's YAML: the catalog and order replicas it forwards to, and its caches. */
public class FrontendConfiguration extends BazarConfiguration {
    @Valid
    @NotNull
    private UpstreamsFactory catalog = new UpstreamsFactory();

    @Valid
    @NotNull
    private UpstreamsFactory order = new UpstreamsFactory();

    @Valid
    @NotNull
    private CacheFactory cache = new CacheFactory();

    @JsonProperty
    public UpstreamsFactory getCatalog() {
        return catalog;
    }

    @JsonProperty
    public void setCatalog(UpstreamsFactory catalog) {
        this.catalog = catalog;
    }

    @JsonProperty
    public UpstreamsFactory getOrder() {
        return order;
    }

    @JsonProperty
    public void setOrder(UpstreamsFactory order) {
        this.order = order;
    }

    @JsonProperty
    public CacheFactory getCache() {
        return cache;
    }

    @JsonProperty
    public void setCache(CacheFactory cache) {
        this.cache = cache;
    }
}

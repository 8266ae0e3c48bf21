package com.bazar.order;

import com.bazar.common.client.UpstreamsFactory;
import com.bazar.common.db.ReplicatedDatabasesFactory;
import com.bazar.common.web.BazarConfiguration;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** An order replica's YAML: every order database (one of them its own) and the catalog replicas it buys from. */
public class OrderConfiguration extends BazarConfiguration {
    @Valid
    @NotNull
    private ReplicatedDatabasesFactory databases;

    @Valid
    @NotNull
    private UpstreamsFactory catalog;

    @Valid
    @NotNull
    private PendingOrdersFactory pendingOrders = new PendingOrdersFactory();

    /** Crash switches for tests and demos; all off unless the YAML (or its environment) turns one on. */
    @Valid
    @NotNull
    private OrderFaultInjectionFactory faultInjection = new OrderFaultInjectionFactory();

    @JsonProperty
    public ReplicatedDatabasesFactory getDatabases() {
        return databases;
    }

    @JsonProperty
    public void setDatabases(ReplicatedDatabasesFactory databases) {
        this.databases = databases;
    }

    @JsonProperty
    public UpstreamsFactory getCatalog() {
        return catalog;
    }

    @JsonProperty
    public void setCatalog(UpstreamsFactory catalog) {
        this.catalog = catalog;
    }

    @JsonProperty
    public PendingOrdersFactory getPendingOrders() {
        return pendingOrders;
    }

    @JsonProperty
    public void setPendingOrders(PendingOrdersFactory pendingOrders) {
        this.pendingOrders = pendingOrders;
    }

    @JsonProperty
    public OrderFaultInjectionFactory getFaultInjection() {
        return faultInjection;
    }

    @JsonProperty
    public void setFaultInjection(OrderFaultInjectionFactory faultInjection) {
        this.faultInjection = faultInjection;
    }
}

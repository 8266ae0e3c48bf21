package com.bazar.catalog;

import com.bazar.common.client.UpstreamsFactory;
import com.bazar.common.db.ReplicatedDatabasesFactory;
import com.bazar.common.fault.FaultInjectionFactory;
import com.bazar.common.web.BazarConfiguration;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class CatalogConfiguration extends BazarConfiguration {
    @Valid
    @NotNull
    private ReplicatedDatabasesFactory databases = new ReplicatedDatabasesFactory();

    /** The front ends to invalidate after every write. */
    @Valid
    @NotNull
    private UpstreamsFactory frontends;

    /** A JSON file of books for empty databases; empty means the seven books of the report. */
    private String seedFile = "";

    /** Crash switches for tests and demos; all off unless the YAML (or its environment) turns one on. */
    @Valid
    @NotNull
    private FaultInjectionFactory faultInjection = new FaultInjectionFactory();

    @JsonProperty
    public ReplicatedDatabasesFactory getDatabases() {
        return databases;
    }

    @JsonProperty
    public void setDatabases(ReplicatedDatabasesFactory databases) {
        this.databases = databases;
    }

    @JsonProperty
    public UpstreamsFactory getFrontends() {
        return frontends;
    }

    @JsonProperty
    public void setFrontends(UpstreamsFactory frontends) {
        this.frontends = frontends;
    }

    @JsonProperty
    public String getSeedFile() {
        return seedFile;
    }

    @JsonProperty
    public void setSeedFile(String seedFile) {
        this.seedFile = seedFile == null ? "" : seedFile;
    }

    @JsonProperty
    public FaultInjectionFactory getFaultInjection() {
        return faultInjection;
    }

    @JsonProperty
    public void setFaultInjection(FaultInjectionFactory faultInjection) {
        this.faultInjection = faultInjection;
    }
}

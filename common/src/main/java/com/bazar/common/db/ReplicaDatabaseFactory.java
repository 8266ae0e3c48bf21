package com.bazar.common.db;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.constraints.NotEmpty;

/** A replica database in YAML: a name plus everything Dropwizard's pooled data source takes (URL, driver, properties). */
public class ReplicaDatabaseFactory extends DataSourceFactory {
    @NotEmpty
    private String name;

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }
}

package com.bazar.common.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;

/** One upstream replica in YAML: its name (shown in X-Bazar-Replica and logs) and its base URL. */
public class ReplicaAddress {
    @NotEmpty
    private String name;

    @NotEmpty
    private String url;

    public ReplicaAddress() {
    }

    public ReplicaAddress(String name, String url) {
        this.name = name;
        this.url = url;
    }

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }
}

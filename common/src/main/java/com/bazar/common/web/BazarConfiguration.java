package com.bazar.common.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** What every Bazar service's YAML has: its replica name, the two tokens and the request size limit. */
public class BazarConfiguration extends Configuration {
    @NotEmpty
    private String replicaName;

    @Valid
    @NotNull
    private TokensFactory tokens = new TokensFactory();

    @Min(256)
    private long maxRequestBytes = 16 * 1024;

    @JsonProperty
    public String getReplicaName() {
        return replicaName;
    }

    @JsonProperty
    public void setReplicaName(String replicaName) {
        this.replicaName = replicaName;
    }

    @JsonProperty
    public TokensFactory getTokens() {
        return tokens;
    }

    @JsonProperty
    public void setTokens(TokensFactory tokens) {
        this.tokens = tokens;
    }

    @JsonProperty
    public long getMaxRequestBytes() {
        return maxRequestBytes;
    }

    @JsonProperty
    public void setMaxRequestBytes(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }
}

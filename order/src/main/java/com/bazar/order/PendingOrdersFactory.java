package com.bazar.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/**
 * {@code pendingOrders:} how long an order may stay PENDING before the replica settles it with the catalog, and
 * how often it looks (besides once at start-up, before serving).
 */
public class PendingOrdersFactory {
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    private Duration grace = Duration.seconds(30);

    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration checkEvery = Duration.seconds(10);

    @JsonProperty
    public Duration getGrace() {
        return grace;
    }

    @JsonProperty
    public void setGrace(Duration grace) {
        this.grace = grace;
    }

    @JsonProperty
    public Duration getCheckEvery() {
        return checkEvery;
    }

    @JsonProperty
    public void setCheckEvery(Duration checkEvery) {
        this.checkEvery = checkEvery;
    }
}

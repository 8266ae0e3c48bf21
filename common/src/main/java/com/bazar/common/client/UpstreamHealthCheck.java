package com.bazar.common.client;

import com.codahale.metrics.health.HealthCheck;

import java.util.Map;

/** Healthy when the named replica answers {@code GET /replica}. */
public final class UpstreamHealthCheck extends HealthCheck {
    private final RoundRobinClient client;
    private final String replica;

    public UpstreamHealthCheck(RoundRobinClient client, String replica) {
        this.client = client;
        this.replica = replica;
    }

    @Override
    protected Result check() throws Exception {
        UpstreamResponse response = client.sendTo(replica, "GET", "/replica", null, Map.of());
        return response.isSuccess() ? Result.healthy() : Result.unhealthy(replica + " answered HTTP " + response.status());
    }
}

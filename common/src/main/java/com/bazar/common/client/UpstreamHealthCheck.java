package com.bazar.common.client;

import com.codahale.metrics.health.HealthCheck;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Healthy while at least one replica of the upstream answers {@code GET /replica} — the service can still
 * serve through failover — with each replica's state in the message. A replica down is a fault being masked,
 * not a reason to call this process unhealthy (and to refuse to start it during a fault experiment).
 */
public final class UpstreamHealthCheck extends HealthCheck {
    private final RoundRobinClient client;

    public UpstreamHealthCheck(RoundRobinClient client) {
        this.client = client;
    }

    @Override
    protected Result check() {
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (String replica : client.replicaNames()) {
            try {
                UpstreamResponse response = client.sendTo(replica, "GET", "/replica", null, Map.of());
                (response.isSuccess() ? up : down).add(replica + (response.isSuccess() ? "" : " (HTTP " + response.status() + ")"));
            } catch (IOException e) {
                down.add(replica + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        String message = "up: " + up + ", down: " + down;
        return up.isEmpty() ? Result.unhealthy(message) : Result.healthy(message);
    }
}

package com.bazar.frontend.core;

import com.bazar.common.client.UpstreamResponse;

import java.util.Optional;

/**
 * What a search or info read answers: status and bytes, and the catalog replica that produced them on a miss
 * (none on a hit, which the front end answered itself).
 */
public record ReadAnswer(int status, byte[] body, Optional<String> upstreamReplica) {
    static ReadAnswer hit(CachedResponse cached) {
        return new ReadAnswer(200, cached.body(), Optional.empty());
    }

    static ReadAnswer miss(UpstreamResponse response) {
        return new ReadAnswer(response.status(), response.body(), Optional.of(response.replica()));
    }

    public boolean hit() {
        return upstreamReplica.isEmpty();
    }
}

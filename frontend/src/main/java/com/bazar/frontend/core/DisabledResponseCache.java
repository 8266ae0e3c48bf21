package com.bazar.frontend.core;

import com.bazar.common.api.Invalidation;

import java.util.Optional;

/** {@code cache.enabled: false}: nothing is kept, so every read goes to a catalog replica. */
final class DisabledResponseCache implements ResponseCache {
    @Override
    public Optional<CachedResponse> info(long bookId) {
        return Optional.empty();
    }

    @Override
    public Optional<CachedResponse> search(String topic) {
        return Optional.empty();
    }

    @Override
    public boolean fillInfo(long bookId, CachedResponse answer) {
        return false;
    }

    @Override
    public boolean fillSearch(String topic, CachedResponse answer) {
        return false;
    }

    @Override
    public void invalidate(Invalidation invalidation) {
        // Nothing is cached, so there is nothing to evict and no fill to fence.
    }
}

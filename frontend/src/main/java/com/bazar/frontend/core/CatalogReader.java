package com.bazar.frontend.core;

import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.client.UpstreamResponse;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Search and info: from the cache on a hit; on a miss from the next catalog replica in turn, whose 200 answer
 * is offered to the cache (which may refuse it, see {@link FencedResponseCache}). Other answers below 500, such
 * as 404, are passed on and never cached.
 */
public final class CatalogReader {
    private final RoundRobinClient catalog;
    private final ResponseCache cache;
    private final VersionReader versions;

    public CatalogReader(RoundRobinClient catalog, ResponseCache cache, ObjectMapper mapper) {
        this.catalog = catalog;
        this.cache = cache;
        this.versions = new VersionReader(mapper);
    }

    public ReadAnswer info(long bookId) {
        Optional<CachedResponse> cached = cache.info(bookId);
        return cached.isPresent() ? ReadAnswer.hit(cached.get()) : fetchInfo(bookId);
    }

    private ReadAnswer fetchInfo(long bookId) {
        UpstreamResponse response = catalog.get("/books/" + bookId);
        if (response.status() == 200) {
            cache.fillInfo(bookId, versions.book(bookId, response));
        }
        return ReadAnswer.miss(response);
    }

    public ReadAnswer search(String topic) {
        Optional<CachedResponse> cached = cache.search(topic);
        return cached.isPresent() ? ReadAnswer.hit(cached.get()) : fetchSearch(topic);
    }

    private ReadAnswer fetchSearch(String topic) {
        UpstreamResponse response = catalog.get("/books?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
        if (response.status() == 200) {
            versions.topic(topic, response).ifPresent(answer -> cache.fillSearch(topic, answer));
        }
        return ReadAnswer.miss(response);
    }
}

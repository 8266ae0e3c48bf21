package com.bazar.frontend.core;

import com.bazar.common.api.BookUpdate;
import com.bazar.common.client.RetryPolicy;
import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.client.UpstreamResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Map;

/**
 * Sends an administrator's update to a catalog replica, with the administrator's own token. An update has no
 * idempotency key, so it is sent at most once: after a failure that may have reached a replica it is reported,
 * not repeated. The catalog invalidates the caches itself before it answers.
 */
public final class UpdateForwarder {
    private final RoundRobinClient catalog;
    private final ObjectMapper mapper;

    public UpdateForwarder(RoundRobinClient catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        // Fields the administrator left out stay out, rather than reaching the catalog as nulls.
        this.mapper = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    public UpstreamResponse update(long bookId, BookUpdate update, String authorization) {
        return catalog.send("PATCH", "/books/" + bookId, json(update), Map.of(HttpHeaders.AUTHORIZATION, authorization),
                RetryPolicy.AT_MOST_ONCE);
    }

    private byte[] json(BookUpdate update) {
        try {
            return mapper.writeValueAsBytes(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a book update could not be written as JSON", e);
        }
    }
}

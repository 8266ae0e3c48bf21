package com.bazar.frontend.core;

import com.bazar.common.api.OrderRequest;
import com.bazar.common.api.PurchaseRequest;
import com.bazar.common.client.RetryPolicy;
import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.client.UpstreamResponse;
import com.bazar.common.web.IdempotencyKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.Optional;

/**
 * Places a purchase with an order replica. Every purchase carries an idempotency key, the client's or a new
 * one, so it may be retried on the next order replica after a failure without ever buying twice.
 */
public final class PurchaseForwarder {
    private final RoundRobinClient orders;
    private final ObjectMapper mapper;

    public PurchaseForwarder(RoundRobinClient orders, ObjectMapper mapper) {
        this.orders = orders;
        this.mapper = mapper;
    }

    /** The order replica's answer, as it is, and the key the purchase was placed under. */
    public record Placed(UpstreamResponse response, String idempotencyKey) {
    }

    public Placed purchase(long bookId, Optional<PurchaseRequest> request, Optional<String> idempotencyKey) {
        String key = IdempotencyKeys.orGenerate(idempotencyKey.orElse(null));
        int quantity = request.orElseGet(PurchaseRequest::one).quantity();
        byte[] body = json(new OrderRequest(bookId, quantity));
        UpstreamResponse response = orders.send("POST", "/orders", body, Map.of(IdempotencyKeys.HEADER, key),
                RetryPolicy.REPEATABLE);
        return new Placed(response, key);
    }

    private byte[] json(OrderRequest request) {
        try {
            return mapper.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order request could not be written as JSON", e);
        }
    }
}

package com.bazar.order.core;

import com.bazar.common.api.Order;

/** An order together with the idempotency key it was placed under: everything a database row holds. */
public record RecordedOrder(String idempotencyKey, Order order) {
    public RecordedOrder {
        if (idempotencyKey == null || order == null) {
            throw new IllegalArgumentException("a recorded order needs its key and the order");
        }
    }
}

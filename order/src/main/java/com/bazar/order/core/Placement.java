package com.bazar.order.core;

import java.time.Instant;

/** The placement of one order under its Idempotency-Key: what was asked for, and where it stands. */
public record Placement(String key, long bookId, int quantity, PlacementState state, Instant createdAt,
                        Instant updatedAt) {
    public Placement {
        if (key == null || state == null || createdAt == null || updatedAt == null) {
            throw new IllegalArgumentException("a placement needs its key, state and times");
        }
    }

    public static Placement pending(String key, long bookId, int quantity, Instant now) {
        return new Placement(key, bookId, quantity, PlacementState.PENDING, now, now);
    }

    public Placement settledAs(PlacementState settled, Instant at) {
        return new Placement(key, bookId, quantity, settled, createdAt, at);
    }

    /** Whether a request for this book and quantity is this same order (a retry), not a reuse of the key. */
    public boolean isFor(long otherBookId, int otherQuantity) {
        return bookId == otherBookId && quantity == otherQuantity;
    }
}

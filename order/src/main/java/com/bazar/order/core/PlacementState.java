package com.bazar.order.core;

/**
 * Where the placement of one order (one Idempotency-Key) stands. PENDING is the only state that changes, and
 * only to one of the two settled states, which never change again.
 */
public enum PlacementState {
    /** Recorded before the catalog was asked; whether it took the stock is not known here yet. */
    PENDING,
    /** The catalog took the stock; the order is in the orders table. */
    COMPLETED,
    /** The catalog settled the key as never applied: nothing was bought, and nothing will be under this key. */
    CANCELLED;

    public boolean settled() {
        return this != PENDING;
    }
}

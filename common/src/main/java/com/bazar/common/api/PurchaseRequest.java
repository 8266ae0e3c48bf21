package com.bazar.common.api;

/**
 * The optional body of a purchase: how many copies. A missing body or a missing quantity means one copy.
 */
public record PurchaseRequest(Integer quantity) {
    /** A generous bound so that totals stay far from overflow; a bookstore order is never this large. */
    public static final int MAX_QUANTITY = 1_000_000;

    public PurchaseRequest {
        quantity = Quantities.check(quantity == null ? 1 : quantity);
    }

    public static PurchaseRequest one() {
        return new PurchaseRequest(1);
    }
}

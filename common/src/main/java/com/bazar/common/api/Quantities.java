package com.bazar.common.api;

/** The one rule for how many copies a purchase may ask for. */
final class Quantities {
    private Quantities() {
    }

    static int check(int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        if (quantity > PurchaseRequest.MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be at most " + PurchaseRequest.MAX_QUANTITY);
        }
        return quantity;
    }
}

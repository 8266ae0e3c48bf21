package com.bazar.common.api;

/** What the front end asks an order replica to place. */
public record OrderRequest(Long bookId, Integer quantity) {
    public OrderRequest {
        if (bookId == null) {
            throw new IllegalArgumentException("bookId is required");
        }
        Ids.checkBookId(bookId);
        quantity = Quantities.check(quantity == null ? 1 : quantity);
    }
}

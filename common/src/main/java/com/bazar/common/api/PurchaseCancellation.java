package com.bazar.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The catalog's answer to cancelling a purchase key ({@code POST /purchases/cancel}), which settles it for
 * good: either the catalog had applied a purchase under that key ({@code applied}, with its quantity and the
 * book as that purchase left it: the price paid and the stock remaining), or it had not and now never will
 * (a purchase arriving later with that key is refused).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"key", "applied", "quantity", "book"})
public record PurchaseCancellation(String key, boolean applied, Integer quantity, Book book) {
    public PurchaseCancellation {
        if (key == null) {
            throw new IllegalArgumentException("a cancellation names its key");
        }
        if (applied != (quantity != null && book != null) || (!applied && (quantity != null || book != null))) {
            throw new IllegalArgumentException("an applied purchase has a quantity and a book; one not applied has neither");
        }
    }

    public static PurchaseCancellation applied(String key, int quantity, Book bookAfter) {
        return new PurchaseCancellation(key, true, quantity, bookAfter);
    }

    public static PurchaseCancellation notApplied(String key) {
        return new PurchaseCancellation(key, false, null, null);
    }
}

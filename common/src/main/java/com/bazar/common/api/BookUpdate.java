package com.bazar.common.api;

import java.math.BigDecimal;

/**
 * An administrator's change to a book: a new price, an absolute stock, or a stock delta (a restock is a
 * positive delta). Fields left out stay as they are; absolute stock and delta exclude each other.
 */
public record BookUpdate(BigDecimal price, Integer stock, Integer stockDelta) {
    public BookUpdate {
        if (price == null && stock == null && stockDelta == null) {
            throw new IllegalArgumentException("an update needs at least one of price, stock, stockDelta");
        }
        if (stock != null && stockDelta != null) {
            throw new IllegalArgumentException("give either stock or stockDelta, not both");
        }
        if (price != null) {
            price = Prices.normalize(price);
        }
        if (stock != null && stock < 0) {
            throw new IllegalArgumentException("stock must not be negative");
        }
    }

    /**
     * The stock this update asks for, given the stock before it. It may be negative (a delta larger than the
     * stock) or beyond an int: the catalog decides what to answer then.
     */
    public long stockAfter(int current) {
        return stock != null ? stock : stockDelta != null ? (long) current + stockDelta : current;
    }

    public BigDecimal priceAfter(BigDecimal current) {
        return price != null ? price : current;
    }
}

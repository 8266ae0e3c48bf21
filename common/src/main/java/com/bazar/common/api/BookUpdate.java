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

    /** The stock after this update, given the stock before it; refuses a result below zero or past an int. */
    public int stockAfter(int current) {
        long next = stock != null ? stock : stockDelta != null ? (long) current + stockDelta : current;
        if (next < 0) {
            throw new IllegalArgumentException("stockDelta " + stockDelta + " would make stock negative (it is " + current + ")");
        }
        if (next > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stock would exceed " + Integer.MAX_VALUE);
        }
        return (int) next;
    }

    public BigDecimal priceAfter(BigDecimal current) {
        return price != null ? price : current;
    }
}

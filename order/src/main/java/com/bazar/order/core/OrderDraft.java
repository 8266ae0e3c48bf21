package com.bazar.order.core;

import com.bazar.common.api.Book;

import java.math.BigDecimal;
import java.time.Instant;

/** An order the catalog has confirmed, before the first order database gives it an id. */
public record OrderDraft(long bookId, String title, int quantity, BigDecimal unitPrice, BigDecimal total,
                         int remainingStock, Instant createdAt) {

    /** From the book as the catalog's purchase left it: its price is the unit price paid, its stock what remains. */
    public static OrderDraft of(Book bought, int quantity, Instant createdAt) {
        return new OrderDraft(bought.id(), bought.title(), quantity, bought.price(),
                bought.price().multiply(BigDecimal.valueOf(quantity)), bought.stock(), createdAt);
    }
}

package com.bazar.catalog.core;

import com.bazar.common.api.Book;

import java.math.BigDecimal;

/** One entry of a seed file: a book as it is before any write (version 1). */
public record SeedBook(long id, String title, String topic, BigDecimal price, int stock) {
    public Book toBook() {
        return new Book(id, title, topic, price, stock, 1);
    }
}

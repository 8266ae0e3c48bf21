package com.bazar.common.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;

/**
 * A book as every service shows it. {@code version} grows by one on every write, so readers and caches
 * can tell which of two copies is newer.
 */
@JsonPropertyOrder({"id", "title", "topic", "price", "stock", "version"})
public record Book(long id,
                   String title,
                   String topic,
                   @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
                   int stock,
                   long version) {

    public Book {
        if (title == null || topic == null || price == null) {
            throw new IllegalArgumentException("a book needs a title, a topic and a price");
        }
        price = Prices.normalize(price);
        if (stock < 0) {
            throw new IllegalArgumentException("stock must not be negative");
        }
    }
}

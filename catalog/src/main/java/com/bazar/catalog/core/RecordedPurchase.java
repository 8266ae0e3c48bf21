package com.bazar.catalog.core;

import com.bazar.common.api.Book;

/** A purchase the catalog applied: its key, how many copies, and the book as the purchase left it. */
public record RecordedPurchase(String key, int quantity, Book bookAfter) {
}

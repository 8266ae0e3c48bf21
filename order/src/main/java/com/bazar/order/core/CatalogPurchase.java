package com.bazar.order.core;

import com.bazar.common.api.Book;

/** What a catalog replica answered to a purchase: the book as the purchase left it, and which replica it was. */
public record CatalogPurchase(Book book, String replica) {
}

package com.bazar.common.api;

/** Sent by a catalog to every front end after a write has committed on every catalog database. */
public record Invalidation(Long bookId, String topic, Long version) {
    public Invalidation {
        if (bookId == null || topic == null || version == null) {
            throw new IllegalArgumentException("an invalidation names bookId, topic and version");
        }
        Ids.checkBookId(bookId);
    }
}

package com.bazar.frontend.core;

import com.bazar.common.api.Invalidation;
import io.dropwizard.lifecycle.Managed;

import java.util.Optional;

/**
 * The front end's read caches: {@code info} by book id and {@code search} by topic. Stopping it releases the
 * caches' memory.
 */
public interface ResponseCache extends Managed {
    /** The cached answer of {@code GET /info/{bookId}}, counted as a hit or a miss. */
    Optional<CachedResponse> info(long bookId);

    /** The cached answer of {@code GET /search/{topic}}, counted as a hit or a miss. */
    Optional<CachedResponse> search(String topic);

    /** Caches the answer of a miss unless it is older than an invalidation already received; true if cached. */
    boolean fillInfo(long bookId, CachedResponse answer);

    /** Same as {@link #fillInfo} for a topic; refused when any one of its books is too old. */
    boolean fillSearch(String topic, CachedResponse answer);

    /** Forgets the book and its topic, and refuses from now on any fill older than the announced version. */
    void invalidate(Invalidation invalidation);
}

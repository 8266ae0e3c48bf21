package com.bazar.catalog.core;

import com.bazar.common.api.Book;
import com.bazar.common.api.Invalidation;
import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.client.UpstreamResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells every front end that a book changed (id, topic, new version), after the write committed on every
 * catalog database and before the write is answered. A front end that cannot be reached is not waited
 * for: its invalidations wait in a queue (the newest per book) that a background task retries, with growing
 * pauses, until the front end takes them. Until then that front end may serve the old value, for at most its
 * cache's time-to-live.
 */
public final class InvalidationNotifier implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationNotifier.class);
    private static final String PATH = "/internal/invalidations";

    private final RoundRobinClient frontends;
    private final Map<String, String> headers;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService retries;
    private final Duration firstRetry;
    private final Duration maxRetry;
    /** Per front end: book id → the newest invalidation it has not yet taken. */
    private final Map<String, Map<Long, Invalidation>> pending = new ConcurrentHashMap<>();
    /** Per front end: the pause before its next retry, while one is scheduled. */
    private final Map<String, Duration> retryPause = new ConcurrentHashMap<>();

    public InvalidationNotifier(RoundRobinClient frontends, String internalBearer, ObjectMapper mapper,
                                ScheduledExecutorService retries, Duration firstRetry, Duration maxRetry) {
        this.frontends = frontends;
        this.headers = Map.of("Authorization", internalBearer);
        this.mapper = mapper;
        this.retries = retries;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        for (String frontend : frontends.replicaNames()) {
            pending.put(frontend, new ConcurrentHashMap<>());
        }
    }

    public void invalidate(Book book) {
        Invalidation invalidation = new Invalidation(book.id(), book.topic(), book.version());
        for (String frontend : frontends.replicaNames()) {
            Map<Long, Invalidation> queue = pending.get(frontend);
            // A front end already known to be unreachable is not tried inline: the write would wait on it.
            if (queue.isEmpty() && send(frontend, invalidation)) {
                continue;
            }
            queue.merge(invalidation.bookId(), invalidation, (a, b) -> a.version() >= b.version() ? a : b);
            scheduleRetry(frontend);
        }
    }

    /** How many invalidations wait for an unreachable front end, across all front ends. */
    public int pendingCount() {
        return pending.values().stream().mapToInt(Map::size).sum();
    }

    private boolean send(String frontend, Invalidation invalidation) {
        try {
            UpstreamResponse response = frontends.sendTo(frontend, "POST", PATH, json(invalidation), headers);
            if (response.isSuccess()) {
                return true;
            }
            LOG.warn("front end {} refused invalidation of book {} v{}: HTTP {}", frontend,
                    invalidation.bookId(), invalidation.version(), response.status());
        } catch (IOException e) {
            LOG.warn("front end {} unreachable for invalidation of book {} v{}: {}", frontend,
                    invalidation.bookId(), invalidation.version(), e.toString());
        }
        return false;
    }

    private void scheduleRetry(String frontend) {
        if (retryPause.putIfAbsent(frontend, firstRetry) == null) {
            retries.schedule(() -> retry(frontend), firstRetry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retry(String frontend) {
        Map<Long, Invalidation> queue = pending.get(frontend);
        for (Invalidation invalidation : List.copyOf(queue.values())) {
            if (!send(frontend, invalidation)) {
                Duration pause = retryPause.compute(frontend, (f, p) -> min(p.multipliedBy(2), maxRetry));
                retries.schedule(() -> retry(frontend), pause.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            queue.remove(invalidation.bookId(), invalidation);
        }
        LOG.info("front end {} has taken every pending invalidation", frontend);
        retryPause.remove(frontend);
        if (!queue.isEmpty()) {
            // Something was queued while the last sends went out.
            scheduleRetry(frontend);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private byte[] json(Invalidation invalidation) {
        try {
            return mapper.writeValueAsBytes(invalidation);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        retries.shutdownNow();
    }
}

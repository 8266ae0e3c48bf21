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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

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
    /** Per front end: the sender that delivers the invalidations of concurrent writes in one message. */
    private final Map<String, CombiningSender> senders = new ConcurrentHashMap<>();

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
            senders.put(frontend, new CombiningSender(frontend));
        }
    }

    public void invalidate(Book book) {
        Invalidation invalidation = new Invalidation(book.id(), book.topic(), book.version());
        for (String frontend : frontends.replicaNames()) {
            Map<Long, Invalidation> queue = pending.get(frontend);
            // A front end already known to be unreachable is not tried inline: the write would wait on it.
            if (queue.isEmpty() && senders.get(frontend).deliver(invalidation)) {
                continue;
            }
            queue.merge(invalidation.bookId(), invalidation, InvalidationNotifier::newer);
            scheduleRetry(frontend);
        }
    }

    /** How many invalidations wait for an unreachable front end, across all front ends. */
    public int pendingCount() {
        return pending.values().stream().mapToInt(Map::size).sum();
    }

    private boolean send(String frontend, Invalidation invalidation) {
        return send(frontend, List.of(invalidation));
    }

    /** One POST: the invalidation object itself, or an array of them. */
    private boolean send(String frontend, List<Invalidation> invalidations) {
        try {
            byte[] body = invalidations.size() == 1 ? json(invalidations.get(0)) : json(invalidations);
            UpstreamResponse response = frontends.sendTo(frontend, "POST", PATH, body, headers);
            if (response.isSuccess()) {
                return true;
            }
            LOG.warn("front end {} refused invalidation of {}: HTTP {}", frontend, describe(invalidations),
                    response.status());
        } catch (IOException e) {
            LOG.warn("front end {} unreachable for invalidation of {}: {}", frontend, describe(invalidations),
                    e.toString());
        }
        return false;
    }

    private static String describe(List<Invalidation> invalidations) {
        return invalidations.stream().map(i -> "book " + i.bookId() + " v" + i.version())
                .collect(Collectors.joining(", "));
    }

    /**
     * Delivers to one front end the invalidations of writes that finish while an earlier message to it is in
     * flight, together in the next message (newest version per book), so that under load a write costs the
     * front end a share of one request rather than one of its own. Each caller returns once the message
     * carrying its invalidation was answered, so a catalog still answers its client only after the front end
     * has evicted — the guarantee is unchanged.
     */
    private final class CombiningSender {
        private final String frontend;
        private final ReentrantLock sending = new ReentrantLock();
        /** Filling while the previous message is in flight; guarded by {@code this}. */
        private Message open = new Message();

        CombiningSender(String frontend) {
            this.frontend = frontend;
        }

        /** @return whether the front end took the message that carried {@code invalidation} */
        boolean deliver(Invalidation invalidation) {
            Message mine;
            synchronized (this) {
                open.invalidations.merge(invalidation.bookId(), invalidation, InvalidationNotifier::newer);
                mine = open;
            }
            sending.lock();
            try {
                // Messages go out in order under this lock, so unless mine already went, it is the open one.
                if (!mine.sent) {
                    Message next;
                    synchronized (this) {
                        next = open;
                        open = new Message();
                    }
                    next.delivered = send(frontend, List.copyOf(next.invalidations.values()));
                    next.sent = true;
                }
                return mine.delivered;
            } finally {
                sending.unlock();
            }
        }
    }

    /** Invalidations sent together; sent and delivered are written and read under CombiningSender.sending. */
    private static final class Message {
        final Map<Long, Invalidation> invalidations = new LinkedHashMap<>();
        boolean sent;
        boolean delivered;
    }

    private static Invalidation newer(Invalidation a, Invalidation b) {
        return a.version() >= b.version() ? a : b;
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

    private byte[] json(Object invalidations) {
        try {
            return mapper.writeValueAsBytes(invalidations);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        retries.shutdownNow();
    }
}

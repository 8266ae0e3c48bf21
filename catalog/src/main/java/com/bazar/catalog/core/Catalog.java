package com.bazar.catalog.core;

import com.bazar.catalog.db.CatalogDao;
import com.bazar.common.api.Book;
import com.bazar.common.api.BookUpdate;
import com.bazar.common.api.PurchaseCancellation;
import com.bazar.common.db.ReplicaHandle;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.common.db.ReplicatedWrite;
import com.bazar.common.web.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's rules. Reads use this replica's own database. Writes go to every catalog database through
 * {@link ReplicatedDatabases#write}: the outcome (new row, new version) is decided on the first database and
 * the same row is written to the others; once all have committed, the front ends are told, and only then
 * does the write return. Each purchase key is settled one way for good: applied once ({@link #purchase}), or
 * cancelled before any purchase applied it ({@link #cancel}), after which a purchase with it is refused.
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final ReplicatedDatabases databases;
    private final InvalidationNotifier notifier;
    private final Clock clock;

    public Catalog(ReplicatedDatabases databases, InvalidationNotifier notifier) {
        this(databases, notifier, Clock.systemUTC());
    }

    public Catalog(ReplicatedDatabases databases, InvalidationNotifier notifier, Clock clock) {
        this.databases = databases;
        this.notifier = notifier;
        this.clock = clock;
    }

    public Book info(long id) {
        return find(id).orElseThrow(() -> new BookNotFoundException(id));
    }

    /** The book from this replica's database, if it is there. */
    public Optional<Book> find(long id) {
        return databases.read(handle -> handle.attach(CatalogDao.class).find(id));
    }

    public List<Book> search(String topic) {
        return databases.read(handle -> handle.attach(CatalogDao.class).findByTopic(topic));
    }

    public Book update(long id, BookUpdate update) {
        Book updated = databases.write(new ReplicatedWrite<Book>() {
            @Override
            public Book decide(ReplicaHandle first) {
                CatalogDao dao = first.attach(CatalogDao.class);
                Book current = dao.find(id).orElseThrow(() -> new BookNotFoundException(id));
                long stock = update.stockAfter(current.stock());
                if (stock < 0) {
                    throw new OutOfStockException("stockDelta " + update.stockDelta() + " would leave book " + id
                            + " with negative stock (it has " + current.stock() + ")");
                }
                if (stock > Integer.MAX_VALUE) {
                    throw new InvalidRequestException("stock would exceed " + Integer.MAX_VALUE);
                }
                Book next = new Book(id, current.title(), current.topic(), update.priceAfter(current.price()),
                        (int) stock, current.version() + 1);
                dao.put(next);
                return next;
            }

            @Override
            public void apply(ReplicaHandle replica, Book decided) {
                replica.attach(CatalogDao.class).put(decided);
            }
        });
        notifier.invalidate(updated);
        return updated;
    }

    /**
     * Takes {@code quantity} copies, at most once per {@code key}: the same key again answers what the first
     * call did (the book as that purchase left it) without taking anything, so a caller may retry on any replica.
     * A key that was {@linkplain #cancel cancelled} is refused with 410.
     *
     * <p>A repeat also brings every other database up to the first one for this purchase: if the process that
     * applied it died between its commits, the retry (typically on the other replica) copies the purchase and
     * the book's newest row to the databases that missed them, and tells the front ends again.
     */
    public Book purchase(long id, int quantity, String key) {
        Purchased purchased = databases.write(new ReplicatedWrite<Purchased>() {
            @Override
            public Purchased decide(ReplicaHandle first) {
                CatalogDao dao = first.attach(CatalogDao.class);
                var earlier = dao.findPurchase(key);
                if (earlier.isPresent()) {
                    RecordedPurchase recorded = earlier.get();
                    if (recorded.bookAfter().id() != id || recorded.quantity() != quantity) {
                        throw new KeyReusedException(key);
                    }
                    return new Purchased(recorded, dao.find(id).orElseThrow(), false);
                }
                var cancelled = dao.findCancellation(key);
                if (cancelled.isPresent()) {
                    throw new PurchaseCancelledException(key, cancelled.get());
                }
                if (dao.takeStock(id, quantity) == 0) {
                    Book book = dao.find(id).orElseThrow(() -> new BookNotFoundException(id));
                    throw new OutOfStockException("book " + id + " has " + book.stock() + " copies left, "
                            + quantity + " asked for");
                }
                Book after = dao.find(id).orElseThrow();
                RecordedPurchase recorded = new RecordedPurchase(key, quantity, after);
                dao.putPurchase(recorded);
                return new Purchased(recorded, after, true);
            }

            @Override
            public void apply(ReplicaHandle replica, Purchased decided) {
                CatalogDao dao = replica.attach(CatalogDao.class);
                if (decided.applied()) {
                    dao.put(decided.purchase().bookAfter());
                    dao.putPurchase(decided.purchase());
                } else {
                    catchUp(dao, decided.purchase(), decided.current());
                }
            }
        });
        // Sent for a repeat too: the call that applied it may have died before telling the front ends.
        notifier.invalidate(purchased.current());
        return purchased.purchase().bookAfter();
    }

    /**
     * Settles {@code key} for good, under the write locks of every catalog database: if a purchase was applied
     * under it, answers that purchase (quantity, and the book as it left it); otherwise records the key as
     * cancelled, so that a purchase arriving later with it is refused, and answers that none was applied.
     * Repeating a cancellation answers the same. Order replicas call this to resolve an order left pending.
     */
    public PurchaseCancellation cancel(String key) {
        Settled settled = databases.write(new ReplicatedWrite<Settled>() {
            @Override
            public Settled decide(ReplicaHandle first) {
                CatalogDao dao = first.attach(CatalogDao.class);
                var purchase = dao.findPurchase(key);
                if (purchase.isPresent()) {
                    return new WasApplied(purchase.get(), dao.find(purchase.get().bookAfter().id()).orElseThrow());
                }
                var earlier = dao.findCancellation(key);
                if (earlier.isPresent()) {
                    return new WasCancelled(earlier.get());
                }
                String now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
                dao.putCancellation(key, now);
                return new WasCancelled(now);
            }

            @Override
            public void apply(ReplicaHandle replica, Settled decided) {
                CatalogDao dao = replica.attach(CatalogDao.class);
                if (decided instanceof WasApplied applied) {
                    catchUp(dao, applied.purchase(), applied.current());
                } else if (decided instanceof WasCancelled cancelled) {
                    dao.putCancellation(key, cancelled.cancelledAt());
                }
            }
        });
        if (settled instanceof WasApplied applied) {
            notifier.invalidate(applied.current());
            LOG.info("purchase key '{}' not cancelled: it had bought {} of book {}", key,
                    applied.purchase().quantity(), applied.purchase().bookAfter().id());
            return PurchaseCancellation.applied(key, applied.purchase().quantity(), applied.purchase().bookAfter());
        }
        LOG.info("purchase key '{}' cancelled (at {}): no purchase applied it, and none will",
                key, ((WasCancelled) settled).cancelledAt());
        return PurchaseCancellation.notApplied(key);
    }

    /** A database that missed a purchase (its writer died between commits) gets it, and the book's newer row. */
    private static void catchUp(CatalogDao replica, RecordedPurchase purchase, Book current) {
        replica.putPurchase(purchase);
        boolean behind = replica.find(current.id()).map(book -> book.version() < current.version()).orElse(true);
        if (behind) {
            replica.put(current);
        }
    }

    /**
     * A purchase, the book as it is now on the first database, and whether this call applied the purchase
     * (false: an earlier call with the same key did).
     */
    private record Purchased(RecordedPurchase purchase, Book current, boolean applied) {
    }

    /** What a cancellation found on the first database. */
    private sealed interface Settled permits WasApplied, WasCancelled {
    }

    /** A purchase had applied the key; {@code current} is its book as it is now. */
    private record WasApplied(RecordedPurchase purchase, Book current) implements Settled {
    }

    /** No purchase had applied the key; it is cancelled since {@code cancelledAt} (ISO-8601, UTC). */
    private record WasCancelled(String cancelledAt) implements Settled {
    }
}

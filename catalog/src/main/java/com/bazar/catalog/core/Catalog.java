package com.bazar.catalog.core;

import com.bazar.catalog.db.CatalogDao;
import com.bazar.common.api.Book;
import com.bazar.common.api.BookUpdate;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.common.db.ReplicatedWrite;
import com.bazar.common.web.InvalidRequestException;
import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * The catalog's rules. Reads use this replica's own database. Writes go to every catalog database through
 * {@link ReplicatedDatabases#write}: the outcome (new row, new version) is decided on the first database and
 * the same row is written to the others; once all have committed, the front ends are told, and only then
 * does the write return.
 */
public final class Catalog {
    private final ReplicatedDatabases databases;
    private final InvalidationNotifier notifier;

    public Catalog(ReplicatedDatabases databases, InvalidationNotifier notifier) {
        this.databases = databases;
        this.notifier = notifier;
    }

    public Book info(long id) {
        return databases.read(handle -> handle.attach(CatalogDao.class).find(id)).orElseThrow(() -> new BookNotFoundException(id));
    }

    public List<Book> search(String topic) {
        return databases.read(handle -> handle.attach(CatalogDao.class).findByTopic(topic));
    }

    public Book update(long id, BookUpdate update) {
        Book updated = databases.write(new ReplicatedWrite<Book>() {
            @Override
            public Book decide(Handle first) {
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
            public void apply(Handle replica, Book decided) {
                replica.attach(CatalogDao.class).put(decided);
            }
        });
        notifier.invalidate(updated);
        return updated;
    }

    /**
     * Takes {@code quantity} copies, at most once per {@code key}: the same key again answers what the first
     * call did (the book as that purchase left it) without taking anything, so a caller may retry on any replica.
     */
    public Book purchase(long id, int quantity, String key) {
        Purchased purchased = databases.write(new ReplicatedWrite<Purchased>() {
            @Override
            public Purchased decide(Handle first) {
                CatalogDao dao = first.attach(CatalogDao.class);
                var earlier = dao.findPurchase(key);
                if (earlier.isPresent()) {
                    RecordedPurchase recorded = earlier.get();
                    if (recorded.bookAfter().id() != id || recorded.quantity() != quantity) {
                        throw new KeyReusedException(key);
                    }
                    return new Purchased(recorded, false);
                }
                if (dao.takeStock(id, quantity) == 0) {
                    Book book = dao.find(id).orElseThrow(() -> new BookNotFoundException(id));
                    throw new OutOfStockException("book " + id + " has " + book.stock() + " copies left, "
                            + quantity + " asked for");
                }
                RecordedPurchase recorded = new RecordedPurchase(key, quantity, dao.find(id).orElseThrow());
                dao.putPurchase(recorded);
                return new Purchased(recorded, true);
            }

            @Override
            public void apply(Handle replica, Purchased decided) {
                if (decided.applied()) {
                    CatalogDao dao = replica.attach(CatalogDao.class);
                    dao.put(decided.purchase().bookAfter());
                    dao.putPurchase(decided.purchase());
                }
            }
        });
        if (purchased.applied()) {
            notifier.invalidate(purchased.purchase().bookAfter());
        }
        return purchased.purchase().bookAfter();
    }

    /** A purchase and whether this call applied it (false: an earlier call with the same key did). */
    private record Purchased(RecordedPurchase purchase, boolean applied) {
    }
}

package com.bazar.catalog.db;

import com.bazar.catalog.core.RecordedPurchase;
import com.bazar.common.api.Book;
import com.bazar.common.api.Prices;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Books, applied purchases and cancelled purchase keys in one catalog database. Plain SQL that SQLite and PostgreSQL both accept. */
@RegisterRowMapper(BookMapper.class)
@RegisterRowMapper(RecordedPurchaseMapper.class)
public interface CatalogDao {
    String BOOK_COLUMNS = "id, title, topic, price_cents, stock, version";
    String PURCHASE_COLUMNS = "p.purchase_key, p.book_id, p.quantity, p.unit_price_cents, p.remaining_stock, "
            + "p.book_version, b.title, b.topic";

    @SqlQuery("SELECT " + BOOK_COLUMNS + " FROM books WHERE id = :id")
    Optional<Book> find(@Bind("id") long id);

    @SqlQuery("SELECT " + BOOK_COLUMNS + " FROM books WHERE topic = :topic ORDER BY id")
    List<Book> findByTopic(@Bind("topic") String topic);

    @SqlQuery("SELECT " + BOOK_COLUMNS + " FROM books ORDER BY id")
    List<Book> all();

    @SqlQuery("SELECT count(*) FROM books")
    long count();

    /** The purchase as one conditional statement: it applies only while enough copies are left. */
    @SqlUpdate("UPDATE books SET stock = stock - :quantity, version = version + 1 WHERE id = :id AND stock >= :quantity")
    int takeStock(@Bind("id") long id, @Bind("quantity") int quantity);

    @SqlUpdate("INSERT INTO books (" + BOOK_COLUMNS + ") VALUES (:id, :title, :topic, :priceCents, :stock, :version) "
            + "ON CONFLICT (id) DO UPDATE SET title = excluded.title, topic = excluded.topic, "
            + "price_cents = excluded.price_cents, stock = excluded.stock, version = excluded.version")
    void putRow(@Bind("id") long id, @Bind("title") String title, @Bind("topic") String topic,
                @Bind("priceCents") long priceCents, @Bind("stock") int stock, @Bind("version") long version);

    /** Makes this database's row of the book exactly {@code book}. */
    default void put(Book book) {
        putRow(book.id(), book.title(), book.topic(), Prices.toCents(book.price()), book.stock(), book.version());
    }

    @SqlQuery("SELECT " + PURCHASE_COLUMNS + " FROM purchases p JOIN books b ON b.id = p.book_id WHERE p.purchase_key = :key")
    Optional<RecordedPurchase> findPurchase(@Bind("key") String key);

    @SqlQuery("SELECT " + PURCHASE_COLUMNS + " FROM purchases p JOIN books b ON b.id = p.book_id ORDER BY p.purchase_key")
    List<RecordedPurchase> allPurchases();

    @SqlUpdate("INSERT INTO purchases (purchase_key, book_id, quantity, unit_price_cents, remaining_stock, book_version) "
            + "VALUES (:key, :bookId, :quantity, :unitPriceCents, :remainingStock, :bookVersion) "
            + "ON CONFLICT (purchase_key) DO NOTHING")
    void putPurchaseRow(@Bind("key") String key, @Bind("bookId") long bookId, @Bind("quantity") int quantity,
                        @Bind("unitPriceCents") long unitPriceCents, @Bind("remainingStock") int remainingStock,
                        @Bind("bookVersion") long bookVersion);

    /** Records a purchase unless its key is already there. */
    default void putPurchase(RecordedPurchase purchase) {
        Book after = purchase.bookAfter();
        putPurchaseRow(purchase.key(), after.id(), purchase.quantity(), Prices.toCents(after.price()),
                after.stock(), after.version());
    }

    /** When the key was cancelled, if it was; the time is ISO-8601 text in UTC, decided on the first database. */
    @SqlQuery("SELECT cancelled_at FROM cancelled_purchases WHERE purchase_key = :key")
    Optional<String> findCancellation(@Bind("key") String key);

    /** Every cancelled key → when it was cancelled (the same text on every database). */
    @SqlQuery("SELECT purchase_key, cancelled_at FROM cancelled_purchases ORDER BY purchase_key")
    @KeyColumn("purchase_key")
    @ValueColumn("cancelled_at")
    Map<String, String> allCancellations();

    /** Records that {@code key} was cancelled at {@code cancelledAt} (ISO-8601, UTC), unless it already was. */
    @SqlUpdate("INSERT INTO cancelled_purchases (purchase_key, cancelled_at) VALUES (:key, :cancelledAt) "
            + "ON CONFLICT (purchase_key) DO NOTHING")
    void putCancellation(@Bind("key") String key, @Bind("cancelledAt") String cancelledAt);
}

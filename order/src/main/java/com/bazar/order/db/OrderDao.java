package com.bazar.order.db;

import com.bazar.common.api.Order;
import com.bazar.common.api.Prices;
import com.bazar.order.core.OrderDraft;
import com.bazar.order.core.Placement;
import com.bazar.order.core.PlacementState;
import com.bazar.order.core.RecordedOrder;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Orders and their placements in one order database. Plain SQL that SQLite and PostgreSQL both accept; money in whole cents. */
@RegisterRowMapper(OrderMapper.class)
@RegisterRowMapper(RecordedOrderMapper.class)
@RegisterRowMapper(PlacementMapper.class)
public interface OrderDao {
    String COLUMNS = "id, idempotency_key, book_id, title, quantity, unit_price_cents, total_cents, "
            + "remaining_stock, created_at";

    /** Every row, in id order: what the replica check compares between databases. */
    String ALL_ROWS_BY_ID = "SELECT " + COLUMNS + " FROM orders ORDER BY id";

    String PLACEMENT_COLUMNS = "idempotency_key, book_id, quantity, state, created_at, updated_at";

    /** Every placement, in key order: what the replica check compares between databases. */
    String ALL_PLACEMENTS_BY_KEY = "SELECT " + PLACEMENT_COLUMNS + " FROM order_placements ORDER BY idempotency_key";

    String VALUES_WITH_ID = " (" + COLUMNS + ") VALUES (:id, :key, :bookId, :title, :quantity, :unitPriceCents, "
            + ":totalCents, :remainingStock, :createdAt)";

    @SqlQuery("SELECT " + COLUMNS + " FROM orders WHERE id = :id")
    Optional<Order> findById(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM orders WHERE idempotency_key = :key")
    Optional<Order> findByKey(@Bind("key") String key);

    @SqlQuery("SELECT " + COLUMNS + " FROM orders ORDER BY id DESC LIMIT :limit")
    List<Order> newest(@Bind("limit") int limit);

    @SqlQuery(ALL_ROWS_BY_ID)
    List<RecordedOrder> all();

    /** Records a new order on the database that decides ids; returns the order with the id it got. */
    default Order insert(String key, OrderDraft draft) {
        return insertRow(key, draft.bookId(), draft.title(), draft.quantity(), Prices.toCents(draft.unitPrice()),
                cents(draft.total()), draft.remainingStock(), text(draft.createdAt()));
    }

    /** Copies an order decided elsewhere; an existing id or key is an error, since it means the databases diverged. */
    default void insertWithId(RecordedOrder recorded) {
        Order o = recorded.order();
        insertRowWithId(o.orderId(), recorded.idempotencyKey(), o.bookId(), o.title(), o.quantity(),
                Prices.toCents(o.unitPrice()), cents(o.total()), o.remainingStock(), text(o.createdAt()));
    }

    /** Copies an order unless a row with its id is already there; true when it was copied. */
    default boolean insertIfAbsent(RecordedOrder recorded) {
        Order o = recorded.order();
        return insertRowIfAbsent(o.orderId(), recorded.idempotencyKey(), o.bookId(), o.title(), o.quantity(),
                Prices.toCents(o.unitPrice()), cents(o.total()), o.remainingStock(), text(o.createdAt())) > 0;
    }

    // RETURNING (SQLite 3.35+, PostgreSQL): the row as stored, with its new id, without reading it back.
    @SqlQuery("INSERT INTO orders (idempotency_key, book_id, title, quantity, unit_price_cents, total_cents, "
            + "remaining_stock, created_at) VALUES (:key, :bookId, :title, :quantity, :unitPriceCents, :totalCents, "
            + ":remainingStock, :createdAt) RETURNING " + COLUMNS)
    Order insertRow(@Bind("key") String key, @Bind("bookId") long bookId, @Bind("title") String title,
                   @Bind("quantity") int quantity, @Bind("unitPriceCents") long unitPriceCents,
                   @Bind("totalCents") long totalCents, @Bind("remainingStock") int remainingStock,
                   @Bind("createdAt") String createdAt);

    @SqlUpdate("INSERT INTO orders" + VALUES_WITH_ID)
    void insertRowWithId(@Bind("id") long id, @Bind("key") String key, @Bind("bookId") long bookId,
                         @Bind("title") String title, @Bind("quantity") int quantity,
                         @Bind("unitPriceCents") long unitPriceCents, @Bind("totalCents") long totalCents,
                         @Bind("remainingStock") int remainingStock, @Bind("createdAt") String createdAt);

    // ON CONFLICT on the id only: a clash on the key under another id still fails, loudly.
    @SqlUpdate("INSERT INTO orders" + VALUES_WITH_ID + " ON CONFLICT (id) DO NOTHING")
    int insertRowIfAbsent(@Bind("id") long id, @Bind("key") String key, @Bind("bookId") long bookId,
                          @Bind("title") String title, @Bind("quantity") int quantity,
                          @Bind("unitPriceCents") long unitPriceCents, @Bind("totalCents") long totalCents,
                          @Bind("remainingStock") int remainingStock, @Bind("createdAt") String createdAt);

    @SqlQuery("SELECT " + PLACEMENT_COLUMNS + " FROM order_placements WHERE idempotency_key = :key")
    Optional<Placement> findPlacement(@Bind("key") String key);

    @SqlQuery("SELECT " + PLACEMENT_COLUMNS + " FROM order_placements WHERE state = :state ORDER BY created_at, idempotency_key")
    List<Placement> placementsInState(@Bind("state") String state);

    /** The placements in {@code state}, oldest first. */
    default List<Placement> placementsIn(PlacementState state) {
        return placementsInState(state.name());
    }

    @SqlQuery("SELECT count(*) FROM order_placements WHERE state = :state")
    long countPlacementsInState(@Bind("state") String state);

    default long countPlacements(PlacementState state) {
        return countPlacementsInState(state.name());
    }

    @SqlQuery(ALL_PLACEMENTS_BY_KEY)
    List<Placement> allPlacements();

    /** Makes this database's placement under the key exactly {@code placement}. */
    default void putPlacement(Placement placement) {
        putPlacementRow(placement.key(), placement.bookId(), placement.quantity(), placement.state().name(),
                text(placement.createdAt()), text(placement.updatedAt()));
    }

    /** Records a placement unless one is there under its key; true when recorded. */
    default boolean insertPlacementIfAbsent(Placement placement) {
        return insertPlacementRowIfAbsent(placement.key(), placement.bookId(), placement.quantity(),
                placement.state().name(), text(placement.createdAt()), text(placement.updatedAt())) > 0;
    }

    @SqlUpdate("INSERT INTO order_placements (" + PLACEMENT_COLUMNS + ") VALUES (:key, :bookId, :quantity, :state, "
            + ":createdAt, :updatedAt) ON CONFLICT (idempotency_key) DO NOTHING")
    int insertPlacementRowIfAbsent(@Bind("key") String key, @Bind("bookId") long bookId, @Bind("quantity") int quantity,
                                   @Bind("state") String state, @Bind("createdAt") String createdAt,
                                   @Bind("updatedAt") String updatedAt);

    @SqlUpdate("INSERT INTO order_placements (" + PLACEMENT_COLUMNS + ") VALUES (:key, :bookId, :quantity, :state, "
            + ":createdAt, :updatedAt) ON CONFLICT (idempotency_key) DO UPDATE SET book_id = excluded.book_id, "
            + "quantity = excluded.quantity, state = excluded.state, created_at = excluded.created_at, "
            + "updated_at = excluded.updated_at")
    void putPlacementRow(@Bind("key") String key, @Bind("bookId") long bookId, @Bind("quantity") int quantity,
                         @Bind("state") String state, @Bind("createdAt") String createdAt,
                         @Bind("updatedAt") String updatedAt);

    // Not Prices.toCents: that one refuses amounts above the largest book price, and a total may exceed it.
    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    // ISO-8601 in UTC, as on the wire; it sorts and parses back to the same instant.
    private static String text(Instant instant) {
        return instant.toString();
    }
}

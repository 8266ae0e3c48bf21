-- One row per placed order. The id is decided on the first database in the lock order and copied to the
-- others; the idempotency key makes a repeated request find its order instead of placing a second one.
CREATE TABLE IF NOT EXISTS orders (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    book_id          INTEGER NOT NULL,
    title            TEXT    NOT NULL,
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    total_cents      INTEGER NOT NULL CHECK (total_cents >= 0),
    remaining_stock  INTEGER NOT NULL CHECK (remaining_stock >= 0),
    created_at       TEXT    NOT NULL
);
-- One row per Idempotency-Key that began placing an order. PENDING is written on every order database before
-- the catalog is asked; COMPLETED once the catalog took the stock (in the same transaction as the orders row);
-- CANCELLED once the catalog settled the key as never applied. Only orders (completed ones) are listed.
CREATE TABLE IF NOT EXISTS order_placements (
    idempotency_key TEXT    PRIMARY KEY,
    book_id         INTEGER NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'COMPLETED', 'CANCELLED')),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS order_placements_by_state ON order_placements (state, created_at);

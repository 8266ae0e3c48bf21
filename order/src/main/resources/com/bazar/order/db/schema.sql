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
